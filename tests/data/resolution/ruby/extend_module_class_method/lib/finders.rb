module Finders
  def find_by(attrs); end
end
