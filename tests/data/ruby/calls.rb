class Mailer
  def deliver(msg); end
end

class Repo
  def initialize
    @mailer = Mailer.new
  end

  def save(user)
    validate user
    check
    store = Store.new(user)
    store.write
    @mailer.deliver("saved")
    user.notify
    log "done"
    Mailer.new.deliver("again")
    [1, 2].each { |n| count n }
    send(:dynamic)
  end

  def validate(u) = u
  def check; end
  def count(n); end

  private

  def log(text)
    puts text
  end
end

class Store
  def initialize(user); end
  def write; end
end
