require_relative "lib/builder"

Builder.build("x")
