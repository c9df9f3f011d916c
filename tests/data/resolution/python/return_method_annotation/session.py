class Transaction:
    def commit(self):
        return True


class Session:
    def begin(self) -> Transaction:
        return Transaction()
