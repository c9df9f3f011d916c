class Query:
    def chain(self):
        return self

    def has_results(self):
        return True


class QuerySet:
    def __init__(self, query=None):
        self._query = query or Query()

    def exists(self):
        return self._query.has_results()

    def copy(self, other):
        return (other and other.chain()) or self._query.chain()
