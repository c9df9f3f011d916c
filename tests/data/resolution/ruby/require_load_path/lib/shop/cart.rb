module Shop
  class Cart
    def total; 0; end
  end
end
