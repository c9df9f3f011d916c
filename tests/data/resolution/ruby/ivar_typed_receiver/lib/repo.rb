class Repo
  def save(x); end
end
