LIMIT = 3

def run
  LIMIT.times { |i| step(i) }
end

def step(i); end
