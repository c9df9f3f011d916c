class Batch
  def run(items)
    items.each do |item|
      process(item)
    end
    items.map { |x| x }.each { |y| finish }
  end

  def process(i); end
  def finish; end
end
