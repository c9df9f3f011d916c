class Root:
    def setup(self):
        return "root"

    def name(self):
        return "root"
