class Base
  def initialize(opts); end
end
