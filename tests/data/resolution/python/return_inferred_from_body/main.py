from factory import make


def main():
    return make(True).draw()
