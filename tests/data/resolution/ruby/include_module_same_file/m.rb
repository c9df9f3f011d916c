module Walkable
  def walk; end
end

class Person
  include Walkable

  def commute
    walk
  end
end
