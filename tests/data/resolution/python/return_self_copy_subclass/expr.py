import copy


class Base:
    def copy(self):
        return copy.copy(self)

    def get_source(self):
        return []


class Func(Base):
    def copy(self):
        clone = super().copy()
        clone.extra = {}
        return clone

    def get_source(self):
        return [1]


class Aggregate(Func):
    def get_source(self):
        return [2]

    def as_sql(self):
        c = self.copy()
        return c.get_source()
