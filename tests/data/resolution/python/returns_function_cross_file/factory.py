def encode_json(value):
    return value


def encode_xml(value):
    return value


def pick(kind):
    return encode_json


class Renderer:
    def __call__(self, value):
        return value


def renderer():
    return Renderer()
