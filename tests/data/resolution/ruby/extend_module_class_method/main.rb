Post.find_by(title: "x")
