class Stack
  def initialize; @a = []; end
  def push(x); @a.push(x); end
end
