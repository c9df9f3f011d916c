class Disk:
    def write(self, data):
        return data


class Memory:
    def write(self, data):
        return data


def store(data, cached):
    sink = Disk()
    if cached:
        sink = Memory()
        sink.write(data)
    else:
        sink.write(data)
