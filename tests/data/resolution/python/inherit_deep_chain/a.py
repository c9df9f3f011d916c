class A:
    def hello(self):
        return "a"
