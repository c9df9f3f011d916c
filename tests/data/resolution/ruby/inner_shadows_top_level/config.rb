class Config
  def self.load; end
end
