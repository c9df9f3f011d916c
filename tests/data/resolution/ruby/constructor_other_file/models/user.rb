class User
  def initialize(name)
    @name = name
  end
end
