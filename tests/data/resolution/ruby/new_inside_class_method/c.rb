class Conn
  def self.open(url)
    new(url)
  end

  def initialize(url); end
end
