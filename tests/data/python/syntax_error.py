def good():
    return 1


def broken(:
    return 2


class StillHere:
    def method(self):
        return good()
