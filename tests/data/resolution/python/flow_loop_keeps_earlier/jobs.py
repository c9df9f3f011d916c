class Idle:
    def run(self):
        return 0


class Fast:
    def run(self):
        return 1


class Slow:
    def run(self):
        return 2


def schedule(items):
    job = Idle()
    for item in items:
        if item:
            job = Fast()
        else:
            job = Slow()
    return job.run()
