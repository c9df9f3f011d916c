from base import Job


class Build(Job):
    def step(self):
        return 1

    def go(self):
        self.step()
        return self.run()
