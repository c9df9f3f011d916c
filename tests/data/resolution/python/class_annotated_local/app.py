from cache import Cache


def lookup(registry, key):
    cache: Cache = registry["cache"]
    return cache.get(key)
