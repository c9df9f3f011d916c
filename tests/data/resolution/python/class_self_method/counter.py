class Counter:
    def __init__(self):
        self.n = 0

    def increment(self):
        self.n += 1
        self.log()

    def log(self):
        print(self.n)

    def twice(self):
        self.increment()
        self.increment()
