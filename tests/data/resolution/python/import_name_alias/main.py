from strings import normalize as clean


def handle(s):
    return clean(s)
