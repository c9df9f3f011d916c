class Café
  def naïve
    greet
  end
  def greet; end
end
