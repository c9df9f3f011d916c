class Item:
    def price(self):
        return 1

    key = lambda self: self.price()


def total(items):
    return sum(i.price() for i in items)


double = lambda items: total(items) * 2
make = lambda: Item()


def run(items):
    square = lambda n: n * n
    double(items)
    square(3)
    make().price()
    Item().key()
    return sorted(items, key=lambda i: total([i]))
