module A
  class Util
    def self.go; end
  end
end
