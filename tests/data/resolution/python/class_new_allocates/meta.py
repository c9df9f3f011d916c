class ModelBase(type):
    def __new__(cls, name, bases, attrs):
        super_new = super().__new__
        new_class = super_new(cls, name, bases, attrs)
        new_class.add_field("id")
        return new_class

    def add_field(cls, name):
        return name


class Registry:
    def __new__(cls):
        made = object.__new__(cls)
        made.setup()
        return made

    def setup(self):
        return None
