Config.load("a.yml")
