class JsonMixin:
    def dump(self):
        return "json"


class Base:
    def dump(self):
        return "base"

    def save(self):
        return "saved"
