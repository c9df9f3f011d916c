module Fmt
  module_function

  def money(cents)
    digits(cents)
  end

  def digits(n); end
end
