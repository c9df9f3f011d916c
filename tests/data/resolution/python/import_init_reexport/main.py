from engine import Engine, build


def main():
    e = build("a")
    other = Engine("b")
    return e, other
