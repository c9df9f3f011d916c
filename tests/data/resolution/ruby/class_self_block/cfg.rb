class Config
  class << self
    def load(path)
      parse(path)
    end

    def parse(p); end
  end
end
