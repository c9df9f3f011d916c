require "shop/cart"

cart = Shop::Cart.new
cart.total
