def process(x):
    return x


def run(x):
    handler = process
    return handler(x)
