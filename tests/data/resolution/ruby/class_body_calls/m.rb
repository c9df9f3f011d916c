class Model
  def self.field(name); end

  field :title
  field :body
end
