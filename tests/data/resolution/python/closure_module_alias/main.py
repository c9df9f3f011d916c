import engine

launch = engine.start


def main():
    return launch()
