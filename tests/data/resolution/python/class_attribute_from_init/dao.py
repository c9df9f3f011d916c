from db import Connection


class Dao:
    def __init__(self):
        self.conn = Connection()

    def find(self, id):
        return self.conn.execute("select")

    def shutdown(self):
        self.conn.close()
