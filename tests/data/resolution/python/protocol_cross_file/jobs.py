from store.db import Connection


def run(conn: Connection):
    with conn.atomic():
        return 1
