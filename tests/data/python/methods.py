class Counter:
    """Counts things."""

    def __init__(self, start: int = 0) -> None:
        self.value = start

    def increment(self):
        self.value += 1
        return self.value

    def twice(self):
        self.increment()
        self.increment()


def make() -> Counter:
    return Counter(3)
