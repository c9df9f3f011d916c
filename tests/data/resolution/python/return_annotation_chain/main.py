from engine import make


def main():
    return make().run()
