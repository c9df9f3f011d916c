class C < B
  def greet
    hello
  end
end
