class Circle:
    def draw(self):
        return "o"


class Square:
    def draw(self):
        return "[]"


def paint():
    s = Circle()
    s.draw()
    s = Square()
    s.draw()
