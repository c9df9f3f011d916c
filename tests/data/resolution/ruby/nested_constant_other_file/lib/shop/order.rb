module Shop
  class Order
    def total
      Tax.rate
    end
  end
end
