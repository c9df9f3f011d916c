import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2

    def label(self):
        return self.name.lower()


class Config:
    defaults = dict(a=1)
    compute = staticmethod(len)

    def get(self, key):
        return self.defaults.get(key)
