from shapes import double, make


def report(items):
    make().key()
    return double(items)
