class Statement:
    def references_table(self, table):
        return False

    def rename_table(self, old, new):
        pass


class Index:
    def references_table(self, table):
        return True
