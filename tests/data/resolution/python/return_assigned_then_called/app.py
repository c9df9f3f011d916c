from conn import connect


def fetch():
    c = connect("db://")
    return c.query("select 1")
