def make_adder(n):
    def add(x):
        return x + n

    return add


def use():
    add5 = make_adder(5)
    return add5(1)
