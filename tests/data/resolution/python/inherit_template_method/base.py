class Command:
    def run(self):
        self.validate()
        return self.handle()

    def validate(self):
        return True

    def handle(self):
        raise NotImplementedError
