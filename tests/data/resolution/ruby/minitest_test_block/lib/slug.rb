class Slug
  def self.make(s); end
end
