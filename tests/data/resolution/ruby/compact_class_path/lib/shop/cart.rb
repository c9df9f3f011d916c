class Shop::Cart
  def total
    price * 2
  end

  def price; 1; end
end
