from report import Report


def show():
    return Report("x").render()
