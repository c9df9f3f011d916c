class Cat
  def speak; end
end

class Dog
  def speak; end
end

def pick(flag)
  pet = Cat.new
  pet = Dog.new if flag
  pet.speak
end
