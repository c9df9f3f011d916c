from tools import text


def loud(s):
    return text.shout(s)
