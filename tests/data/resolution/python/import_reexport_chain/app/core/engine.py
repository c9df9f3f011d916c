def run():
    return prepare()


def prepare():
    return 1
