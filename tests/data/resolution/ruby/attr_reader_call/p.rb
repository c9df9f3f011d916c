class Person
  attr_reader :name
  attr_accessor :age

  def label
    "#{name} (#{age})"
  end

  def birthday
    self.age = age + 1
  end
end
