from queue import Queue


def work():
    q = Queue()
    q.push(1)
    return q.pop()
