module App
  class Service
    def call
      Logger.info("go")
    end
  end
end
