class A
  def hello; end
end
