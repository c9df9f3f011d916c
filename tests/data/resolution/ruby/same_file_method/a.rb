class A
  def run
    prepare()
    check
    self.finish
  end

  def prepare; end
  def check; end
  def finish; end
end
