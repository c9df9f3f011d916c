class Signup
  def call
    normalize
    persist
  end

  private

  def normalize; end

  private def persist; end
end
