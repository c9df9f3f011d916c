require_relative "lib/helpers"

slugify("A B")
