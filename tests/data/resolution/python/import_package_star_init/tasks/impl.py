__all__ = ["run"]


def run():
    return _prepare()


def _prepare():
    return 1
