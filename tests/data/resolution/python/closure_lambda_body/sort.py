def key_of(item):
    return item[0]


def ordered(items):
    return sorted(items, key=lambda item: key_of(item))
