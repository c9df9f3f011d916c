def send(to):
    return to


def notify(user):
    return send(user)
