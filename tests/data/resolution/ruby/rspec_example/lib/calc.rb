class Calc
  def add(a, b); a + b; end
end
