class Parser:
    def parse(self, text):
        return text


class Loader:
    def load(self, kind):
        if kind == "text":
            parser = Parser()
        elif kind == "none":
            return None
        else:
            raise ValueError(kind)
        return parser.parse("x")
