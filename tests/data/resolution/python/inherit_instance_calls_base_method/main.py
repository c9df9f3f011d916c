from shapes import Rect


def main():
    r = Rect()
    r.area()
    return r.describe()
