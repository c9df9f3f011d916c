module App
  class Config
    def self.load; end
  end
end
