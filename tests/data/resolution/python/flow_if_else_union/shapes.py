class Circle:
    def area(self):
        return 3


class Square:
    def area(self):
        return 4


def pick(round_):
    if round_:
        shape = Circle()
    elif round_ is None:
        shape = Square()
    else:
        shape = Square()
    return shape.area()
