class FileLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def release(self):
        return 1


class NullLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def release(self):
        return 0


def guarded(path):
    lock = FileLock() if path else NullLock()
    with lock as held:
        held.release()
