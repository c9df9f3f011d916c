import functools


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        print(fn.__name__)
        return fn(*args)

    return wrapper


@logged
def work():
    return 1


def main():
    return work()
