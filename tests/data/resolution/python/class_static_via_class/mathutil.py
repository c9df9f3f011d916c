class Vector:
    @staticmethod
    def zero():
        return Vector()

    @classmethod
    def unit(cls):
        return cls.zero()
