class Job
  def perform; end
end
