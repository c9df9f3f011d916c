from typing import Union


class Circle:
    def area(self):
        return 3


class Square:
    def area(self):
        return 4


def parse(text) -> Union[Circle, Square]:
    return Circle() if text else Square()


def measure(text):
    return parse(text).area()
