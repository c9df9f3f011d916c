from base import Widget


class Button(Widget):
    def __init__(self, name, label):
        super().__init__(name)
        self.label = label
