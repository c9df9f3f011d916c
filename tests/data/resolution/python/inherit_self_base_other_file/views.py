from base import Handler


class Home(Handler):
    def get(self):
        return self.respond("home")

    def missing(self):
        return self.error(404)
