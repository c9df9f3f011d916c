class Animal:
    def breathe(self):
        return True


class Dog(Animal):
    def live(self):
        self.breathe()
        return self.bark()

    def bark(self):
        return "woof"
