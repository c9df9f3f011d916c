class User
  include Greet
end
