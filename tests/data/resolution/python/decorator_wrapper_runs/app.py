import functools


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


def register(fn):
    return fn


@logged
def save(item):
    return item


@register
def load(key):
    return key


def main():
    save(1)
    return load(2)
