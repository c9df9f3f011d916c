def on_add(x):
    return x


def on_remove(x):
    return x


HANDLERS = {"add": on_add, "remove": on_remove}


def dispatch(kind, x):
    return HANDLERS[kind](x)
