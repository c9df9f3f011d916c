class Handler:
    def respond(self, body):
        return body

    def error(self, code):
        return code
