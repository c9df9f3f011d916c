from engine import Engine


def start(e: Engine):
    return e.cylinder.fire()
