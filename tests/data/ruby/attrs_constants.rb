module Version
  MAJOR = 1
  STRING = "#{MAJOR}.0"
end

class Point
  attr_reader :x, :y
  attr_writer :label
  attr_accessor "z"
  ORIGIN = [0, 0].freeze

  def to_s = "(#{x}, #{y})"
end

LIMIT = 10
