Shop::Cart.new.total
