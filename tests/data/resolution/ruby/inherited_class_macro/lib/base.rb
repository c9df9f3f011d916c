class Base
  def self.validates(*attrs); end
end
