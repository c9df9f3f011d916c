class Request:
    def get_host(self):
        return "host"


class Response:
    def render(self):
        return ""


def host_of(request):
    return request.get_host()


def respond(response=None):
    return response.render()


def view(r: Request):
    host_of(r)
    return respond(response=Response())


class Service:
    def handle(self, req):
        return req.get_host()

    def run(self):
        return self.handle(Request())


def untyped(value):
    return value.strip()


def caller(text):
    return untyped(text)
