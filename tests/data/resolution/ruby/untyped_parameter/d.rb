class Runner
  def run(task)
    task.execute
    send(:helper)
    task.public_send(:go)
  end

  def execute; end
  def helper; end
end
