module App
  class Config
    def self.load; end
  end

  class Runner
    def go
      Config.load
    end
  end
end
