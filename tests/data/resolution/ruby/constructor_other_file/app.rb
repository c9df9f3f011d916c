class App
  def signup
    User.new("ann")
  end
end
