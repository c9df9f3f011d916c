class Post
  def path
    Util.slug("t")
  end
end
