from root import Root


class Right(Root):
    def setup(self):
        return "right"
