class Shape
  def area; 0; end
end
