require "json"
require 'rack/request'
require_relative "lib/helper"
require_relative './util.rb'
require "my#{lib}"

def load_all
  require "late/loaded"
  JSON.parse("{}")
end
