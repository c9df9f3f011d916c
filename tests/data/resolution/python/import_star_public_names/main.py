from helpers import *


def use():
    visible()
    return _hidden()
