module App
  class Runner
    def go
      Config.load
    end
  end
end
