require "minitest/autorun"
require_relative "../lib/calc"

class CalcTest < Minitest::Test
  def setup
    @calc = Calc.new
  end

  def test_add
    assert_equal 3, @calc.add(1, 2)
  end

  def test_sub
    assert_equal 1, build.sub(2, 1)
  end

  test "adds twice" do
    @calc.add(1, 1)
  end

  private

  def build = Calc.new
end

class Helper
  def test_not_a_test; end
end
