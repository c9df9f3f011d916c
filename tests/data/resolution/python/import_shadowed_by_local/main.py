from lib import helper


def helper():
    return "local"


def use():
    return helper()
