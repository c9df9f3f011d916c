class App:
    def route(self, path):
        def add(fn):
            return fn

        return add
