class Base:
    def greet(self):
        return "base"

    def run(self):
        return self.greet()


class Child(Base):
    def run(self):
        return super().run() + self.greet()


class Mixed(Child, dict, metaclass=type):
    pass
