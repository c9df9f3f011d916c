def double(x):
    return 2 * x


def apply(fn, x):
    return fn(x)


def main():
    return apply(double, 3)
