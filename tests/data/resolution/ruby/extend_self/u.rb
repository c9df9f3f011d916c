module Util
  extend self

  def slug(s)
    clean(s)
  end

  def clean(s); end
end
