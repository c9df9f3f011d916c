class Bus:
    def emit(self, name):
        return name


def fire():
    bus = Bus()
    send = bus.emit
    return send("x")
