class Cursor:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def fetchone(self):
        return None


class DebugCursor(Cursor):
    def log(self, sql):
        return sql
