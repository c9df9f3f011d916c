class Query:
    def can_filter(self):
        return True

    def clone(self):
        return Query()
