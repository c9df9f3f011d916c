import unittest
from parser import parse


class ParseTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(parse("a"), "a")

    def test_empty(self):
        self.assertTrue(parse("") == "")


if __name__ == "__main__":
    unittest.main()
