# frozen_string_literal: true

# Adds numbers.
#
# @param a [Integer] the first
# @param [Integer] b the second
# @return [Integer] the sum
def add(a, b)
  a + b
end

# Untyped: b has no type.
# @param a [Integer]
# @param b the second
# @return [Integer]
def sub(a, b) = a - b

=begin
A block comment
documents this too.
=end
def mul(a, b); a * b; end

# @return [String]
def name = "calc"

x = 1 # a trailing comment documents nothing
def plain; end
