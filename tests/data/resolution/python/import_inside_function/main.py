def lazy(x):
    from heavy import compute
    return compute(x)


def lazy_module(x):
    import heavy
    return heavy.compute(x)
