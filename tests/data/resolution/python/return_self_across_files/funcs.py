from expr import Func, Opaque


class Length(Func):
    def get_source(self):
        return [3]

    def as_sql(self):
        clone = self.copy()
        clone.set_source(clone.get_source())
        return clone


class Sub(Length):
    pass


def run(expr: Func, other: Opaque):
    expr.copy().get_source()
    Sub().copy().get_source()
    other.copy().get_source()
