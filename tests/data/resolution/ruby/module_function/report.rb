class Report
  def line(c)
    Fmt.money(c)
  end
end
