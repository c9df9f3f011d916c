class QuerySet:
    def __init__(self, model=None):
        self.model = model

    def _clone(self):
        c = self.__class__(model=self.model)
        return c

    def _chain(self):
        obj = self._clone()
        return obj

    def filter(self, **kwargs):
        clone = self._chain()
        clone.where = kwargs
        return clone

    def exclude(self, **kwargs):
        return self.filter(**kwargs)

    def count(self):
        return 0
