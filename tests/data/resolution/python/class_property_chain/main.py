from service import Service


def go(s: Service):
    return s.conn.execute("x")
