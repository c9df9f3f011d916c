from typing import Optional


class User:
    def activate(self):
        return True


def find(name) -> Optional[User]:
    return None


def enable(name):
    user = find(name)
    if user:
        user.activate()
