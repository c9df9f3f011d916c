def deep
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
foo do
  bar
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
