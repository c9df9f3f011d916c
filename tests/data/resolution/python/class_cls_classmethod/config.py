class Config:
    def __init__(self, values):
        self.values = values

    @classmethod
    def defaults(cls):
        return {}

    @classmethod
    def load(cls):
        return cls(cls.defaults())
