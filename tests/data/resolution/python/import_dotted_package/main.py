import pkg.parsing


def run(text):
    return pkg.parsing.parse(text)
