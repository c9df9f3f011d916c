class Point
  def initialize(x, y)
    @x = x
  end
end

class Plain
end

def origin
  Point.new(0, 0)
  Plain.new
end
