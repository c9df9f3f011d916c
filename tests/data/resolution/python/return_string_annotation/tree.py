class Node:
    def __init__(self):
        self.children = []

    @classmethod
    def leaf(cls) -> "Node":
        return cls()

    def size(self):
        return 1


def count():
    return Node.leaf().size()
