class Engine
  def start; end
end

class Car
  def drive
    engine = Engine.new
    engine.start
  end
end
