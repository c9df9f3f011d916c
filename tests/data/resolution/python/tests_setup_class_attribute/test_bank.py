import unittest
from bank import Account, Ledger


class AccountTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ledger = Ledger()

    def setUp(self):
        self.account = Account()

    def test_deposit(self):
        self.account.deposit(5)
        self.ledger.record("deposit")
