import unittest
from bank import Account


class AccountTest(unittest.TestCase):
    def setUp(self):
        self.account = Account()

    def test_deposit(self):
        self.account.deposit(5)
        self.assertEqual(self.account.balance, 5)
