class Post
  extend Finders
end
