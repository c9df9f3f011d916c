class Worker
  def self.perform(job)
    new.run(job)
  end

  def run(job); end
end
