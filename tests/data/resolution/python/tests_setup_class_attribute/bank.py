class Ledger:
    def record(self, entry):
        return entry


class Account:
    def deposit(self, n):
        return n
