describe Stack do
  it "pushes" do
    s = Stack.new
    s.push(1)
  end
end
