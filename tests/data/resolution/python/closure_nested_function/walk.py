def visit(node):
    return node


def walk(tree):
    def recurse(node):
        visit(node)
        for child in node:
            recurse(child)

    recurse(tree)
