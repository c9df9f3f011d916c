class Hooks
  def install
    @hook = ->(x) { notify(x) }
    callback = lambda { cleanup }
  end

  def notify(x); end
  def cleanup; end
end
