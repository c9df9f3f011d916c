"""Lambdas bound to names are functions; unnamed ones belong to their definition."""


class Order:
    total = lambda self: self.subtotal() + self.tax()

    def subtotal(self):
        return 10

    def tax(self):
        return 1


RATE = lambda amount: amount * 0.2 if amount > 100 else 0
pick = lambda orders: max(orders, key=lambda o: o.total())


def ranked(orders):
    score = lambda o: o.total() or 0
    return sorted(orders, key=score)
