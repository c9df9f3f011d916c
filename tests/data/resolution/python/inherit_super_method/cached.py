import storage


class CachedStore(storage.Store):
    def save(self, item):
        self.flush()
        return super().save(item)

    def flush(self):
        return None
