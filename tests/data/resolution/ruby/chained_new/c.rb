class Parser
  def parse(s); end
end

def run
  Parser.new.parse("x")
end
