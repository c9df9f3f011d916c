import sql
from base import Data


class QuerySet(Data):
    def __init__(self, model=None, query=None):
        self.model = model
        self._query = query or sql.Query()

    @property
    def query(self):
        return self._query

    @query.setter
    def query(self, value):
        self._query = value

    def exists(self):
        return self._query.can_filter()

    def copy(self):
        return self.query.clone()
