class Logger
  def self.info(msg); end
end
