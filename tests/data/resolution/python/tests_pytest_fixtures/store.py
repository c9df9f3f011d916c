class Store:
    def get(self, k):
        return None
