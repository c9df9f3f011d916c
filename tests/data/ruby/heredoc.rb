class Template
  def render
    text = <<~HTML
      <p>#{title}</p>
    HTML
    text.strip
  end

  def title = "t"

  def broken
    <<~SQL
      SELECT * FROM never_closed
