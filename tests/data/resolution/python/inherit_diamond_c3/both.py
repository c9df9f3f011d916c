from left import Left
from right import Right


class Both(Left, Right):
    def go(self):
        self.only_left()
        self.name()
        return self.setup()
