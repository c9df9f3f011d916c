from base import Command


class Migrate(Command):
    def handle(self):
        return "migrated"


def main():
    return Migrate().run()
