from backends import Local, Remote


class Saver:
    def use_local(self):
        self.backend = Local()

    def use_remote(self):
        self.backend = Remote()

    def save(self, x):
        return self.backend.store(x)
