class Money
  include Comparable

  def <=>(other) = cents <=> other.cents
  def +(other) = Money.new(cents + other.cents)
  def [](i); end
  def ==(other); end
  def empty?; cents.zero?; end
  def save!; end
  def cents=(v); @cents = v; end
  def cents; @cents; end
  alias_method :amount, :cents
  alias value cents
end
