class Widget:
    def draw(self):
        return 1


def make(big):
    if big:
        return Widget()
    return Widget()
