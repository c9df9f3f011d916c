import storage.disk as disk


def persist(data):
    disk.save("/tmp/x", data)
    return disk.load("/tmp/x")
