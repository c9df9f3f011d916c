class Job:
    def run(self):
        return self.step()

    def step(self):
        return 0
