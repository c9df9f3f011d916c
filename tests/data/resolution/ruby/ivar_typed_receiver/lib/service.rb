class Service
  def initialize
    @repo = Repo.new
  end

  def call(x)
    @repo.save(x)
  end
end
