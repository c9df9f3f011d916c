import sys

if sys.version_info >= (3, 8):
    def cached(fn):
        return fn
else:
    def cached(fn):
        return None


def use(fn):
    return cached(fn)
