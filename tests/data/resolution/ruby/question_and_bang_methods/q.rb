class Order
  def checkout
    save! if valid?
  end

  def valid?; true; end
  def save!; end
end
