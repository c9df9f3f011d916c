class Click:
    def position(self):
        return (0, 0)


class Key:
    def code(self):
        return 0


def handle(event):
    if isinstance(event, Click):
        return event.position()
    elif isinstance(event, Key):
        return event.code()
    return None
