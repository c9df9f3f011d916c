class Calc
  def add(a, b); a + b; end
  def sub(a, b); a - b; end
end
