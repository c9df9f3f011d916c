class Account:
    def __init__(self, owner):
        self.owner = owner

    @staticmethod
    def validate(owner):
        return bool(owner)
