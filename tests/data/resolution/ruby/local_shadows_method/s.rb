class Shadow
  def total
    count = 3
    count + size
  end

  def count; 1; end
  def size; 2; end
end
