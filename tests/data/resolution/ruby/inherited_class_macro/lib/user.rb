class User < Base
  validates :name
end
