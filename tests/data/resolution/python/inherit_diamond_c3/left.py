from root import Root


class Left(Root):
    def only_left(self):
        return 1
