class Formatter
  def title(s)
    bold(s)
  end
end
