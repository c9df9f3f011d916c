def save():
    return 1


def load():
    return 2


def run():
    first = second = save
    first()
    second()
    a, b = save, load
    b()
    a, b = b, a
    a()
