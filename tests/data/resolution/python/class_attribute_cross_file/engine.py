class Cylinder:
    def fire(self):
        return 1


class Engine:
    def __init__(self):
        self.cylinder = Cylinder()
