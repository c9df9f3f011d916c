class Engine:
    def __init__(self, name):
        self.name = name

    def start(self):
        return self.name


def build(name):
    return Engine(name)
