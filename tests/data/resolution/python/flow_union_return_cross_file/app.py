from db.base import Connection


class Sqlite(Connection):
    def check(self):
        with self.cursor() as cursor:
            return cursor.fetchone()


def explain(conn: Connection):
    c = conn.cursor()
    c.log("select 1")
    return c.fetchone()
