from typing import List


class Item:
    def price(self):
        return 1


def total(items: List[Item]):
    s = 0
    for item in items:
        s += item.price()
    return s


def total2(items: list[Item]):
    return sum(i.price() for i in items)
