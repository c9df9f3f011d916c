REGISTRY = {}


def register(cls):
    REGISTRY[cls.__name__] = cls
    return cls
