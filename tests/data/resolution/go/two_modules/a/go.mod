module example.com/a
