class Outer:
    class Inner:
        def ping(self):
            return "pong"

    def make(self):
        return Outer.Inner()


def use():
    return Outer.Inner().ping()
