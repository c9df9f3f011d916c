class Connection:
    def execute(self, sql):
        return sql
