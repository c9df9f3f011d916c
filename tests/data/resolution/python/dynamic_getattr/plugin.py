class Plugin:
    def start(self):
        return 1

    def stop(self):
        return 0


def call(p: Plugin, name):
    return getattr(p, name)()
