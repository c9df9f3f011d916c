class Base
  def save(opts); end
end

class Record < Base
  def save(opts)
    super
    super(opts)
  end
end
