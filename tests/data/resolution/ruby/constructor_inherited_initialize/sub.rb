class Sub < Base
  def run; end
end

Sub.new({})
