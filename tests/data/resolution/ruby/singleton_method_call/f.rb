class Factory
  def self.create(kind)
    registry(kind)
  end

  def self.registry(kind); end
end

def make
  Factory.create(:a)
end
