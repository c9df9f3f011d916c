from tasks import run


def go():
    return run()
