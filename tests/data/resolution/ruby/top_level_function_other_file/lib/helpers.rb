def slugify(s)
  s.downcase
end
