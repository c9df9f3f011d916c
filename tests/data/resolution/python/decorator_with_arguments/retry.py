def retry(times):
    def decorate(fn):
        return fn

    return decorate
