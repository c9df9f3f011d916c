module Shop
  class Base
    def persist; end
  end
end
