import util


def run(util):
    return util.helper()


def direct():
    return util.helper()
