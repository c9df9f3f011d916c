module Helpers
  def self.fmt(x); end
end
