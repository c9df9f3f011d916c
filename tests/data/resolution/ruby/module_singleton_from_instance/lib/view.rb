class View
  def render
    Helpers.fmt(1)
  end
end
