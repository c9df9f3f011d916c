require "minitest/autorun"
require "calc"

class CalcTest < Minitest::Test
  def setup
    @calc = Calc.new
  end

  def test_add
    assert_equal 3, @calc.add(1, 2)
  end

  def test_sub
    assert_equal 1, Calc.new.sub(2, 1)
  end
end
