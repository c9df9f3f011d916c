class Connection:
    def execute(self, sql):
        return sql

    def close(self):
        pass
