class Broken
  def ok
    fine
  end

  def bad(
    x = 
  end

  def fine; end
end

module
