module Greet
  def hello; end
end
