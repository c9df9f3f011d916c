"""Module docstring."""


def outer(x):
    def inner(y):
        return y * 2

    return inner(x)


class Outer:
    class Inner:
        def method(self):
            return 1

    def uses_inner(self):
        return self.Inner()
