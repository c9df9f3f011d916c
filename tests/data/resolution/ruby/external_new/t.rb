def stamp
  Time.new(2020)
end
