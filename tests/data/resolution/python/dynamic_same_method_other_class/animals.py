class Dog:
    def speak(self):
        return "woof"


class Robot:
    def speak(self):
        return "beep"


def talk(d: Dog):
    return d.speak()
