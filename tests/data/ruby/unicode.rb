class Café
  # Grüße.
  def grüßen
    "hallo"
  end

  def 🎉; end
end
