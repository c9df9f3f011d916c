class Transaction:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def save(self):
        return 1


class Rows:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class Invalid(Exception):
    def __init__(self):
        super().__init__("invalid")


def persist(count):
    with Transaction() as tx:
        tx.save()
    for row in Rows(count):
        print(row)
    for n in [1, 2]:
        print(n)
    if count < 0:
        raise Invalid
    if count == 0:
        raise ValueError
    try:
        return count
    except Invalid as exc:
        raise exc
