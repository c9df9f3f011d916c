class Config
  def self.load(path)
    new(path)
  end

  def Config.default = load("config.yml")

  class << self
    def reset!
      @instance = nil
    end

    private

    def cache; end
  end

  def initialize(path)
    @path = path
  end
end

module Fmt
  module_function

  def money(cents)
    format("%.2f", cents / 100.0)
  end
end

module Tools
  extend self

  def run; helper; end
  def helper; end
end
