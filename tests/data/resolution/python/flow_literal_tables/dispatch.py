def on_create(event):
    return event


def on_delete(event):
    return None


def on_other(event):
    return event


def dispatch(event, kind):
    table = {"create": on_create, 'delete': on_delete}
    table["create"](event)
    steps = [on_create, on_other]
    steps[-1](event)
    pair = (on_delete, on_other)
    return pair[0](event)


def unknown_key(event, kind):
    table = {"create": on_create}
    return table[kind](event)
