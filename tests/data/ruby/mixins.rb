module Walk
  def move; step; end
end

module Loud
  def speak; "!"; end
end

module Registry
  def registered; end
end

class Animal
  def step; end
end

class Dog < Animal
  include Walk
  include Comparable
  prepend Loud
  extend Registry

  def bark
    move
    speak
    self.class.registered
  end
end

class Cat < Pets::Base
  include Pets::Friendly
end
