from models.user import User


def welcome(name):
    user = User(name)
    return user.greet()
