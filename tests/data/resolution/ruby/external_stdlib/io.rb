require "json"

class Loader
  def read(path)
    text = File.read(path)
    puts text
    JSON.parse(text)
  end
end
