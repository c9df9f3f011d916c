class Engine:
    def run(self):
        return 1


def make() -> Engine:
    return Engine()
