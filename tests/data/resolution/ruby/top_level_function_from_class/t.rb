def helper; end

class Task
  def run
    helper
  end
end
