module example.com/b
