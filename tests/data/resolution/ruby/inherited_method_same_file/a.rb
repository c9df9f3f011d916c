class Animal
  def breathe; end
end

class Dog < Animal
  def run
    breathe
  end
end
