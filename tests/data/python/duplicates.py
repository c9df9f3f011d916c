import sys

if sys.version_info >= (3, 11):
    def compat():
        return "new"
else:
    def compat():
        return "old"


class Node:
    def visit(self):
        return 1


class Node:
    def visit(self):
        return 2


def compat():
    return "last"
