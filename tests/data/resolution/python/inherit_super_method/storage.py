class Store:
    def save(self, item):
        return item

    def load(self):
        return None
