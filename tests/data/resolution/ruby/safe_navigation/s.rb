class Cache
  def fetch(k); end
end

class Store
  def initialize
    @cache = Cache.new
  end

  def get(k)
    @cache&.fetch(k)
  end
end
