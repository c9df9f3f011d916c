class Builder
  def self.build(spec); end
end
