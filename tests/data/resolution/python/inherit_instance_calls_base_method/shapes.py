class Shape:
    def area(self):
        return 0

    def describe(self):
        return "shape"


class Rect(Shape):
    def area(self):
        return 4
