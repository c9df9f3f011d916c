import functools


def send(to, msg):
    return msg


def notify_all():
    notify = functools.partial(send, "all")
    return notify("hi")
