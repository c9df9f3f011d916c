class Registry
  def Registry.lookup(k); end
end

class Client
  def find
    Registry.lookup(:x)
  end
end
