class Cursor:
    def execute(self, sql):
        return sql


class Connection:
    def __enter__(self):
        return Cursor()

    def __exit__(self, *exc):
        return False


class Atomic:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def commit(self):
        return True


def run(sql):
    with Connection() as cursor:
        cursor.execute(sql)
    with Atomic() as block:
        block.commit()
