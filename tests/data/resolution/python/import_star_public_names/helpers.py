def visible():
    return _hidden()


def _hidden():
    return 1
