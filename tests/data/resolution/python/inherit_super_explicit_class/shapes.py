class Base:
    def run(self):
        return 1


class Middle(Base):
    def run(self):
        return 2


class Leaf(Middle):
    def run(self):
        # Skips Middle.run: the MRO after Middle.
        return super(Middle, self).run()


class Other(Base):
    def go(self):
        return super(Other, self).run()
