class CoordSeq:
    def clone(self):
        return CoordSeq()

    def get(self, i):
        return 0


class Query:
    def clear_select(self):
        pass


class Geometry:
    has_cs = False

    def __init__(self, ptr):
        self._cs = CoordSeq() if self.has_cs else None
        self.rhs = ptr

    def coords(self):
        return self._cs.get(0)

    def prepare(self):
        if isinstance(self.rhs, Query):
            self.rhs.clear_select()
        return self.rhs
