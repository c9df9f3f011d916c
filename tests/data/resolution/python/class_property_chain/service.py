from db import Connection


class Service:
    def __init__(self):
        self._conn = None

    @property
    def conn(self) -> Connection:
        return self._conn

    def run(self):
        return self.conn.execute("select 1")
