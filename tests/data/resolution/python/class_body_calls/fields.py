def field(kind):
    return kind


class Model:
    name = field("str")
    age = field("int")
