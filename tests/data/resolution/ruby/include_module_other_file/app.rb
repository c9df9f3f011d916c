u = User.new
u.hello
