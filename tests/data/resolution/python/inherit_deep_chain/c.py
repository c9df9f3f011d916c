from b import B


class C(B):
    def run(self):
        self.middle()
        return self.hello()
