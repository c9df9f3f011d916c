import unittest
from unittest import TestCase as Case

from app.config import load, Settings


class Base(unittest.TestCase):
    def setUp(self):
        self.settings = Settings()


class LoadTests(Base):
    def test_load(self):
        config = load("app.toml")
        self.assertEqual(config, {})


class DirectTests(Case):
    def test_Settings(self):
        self.assertTrue(True)

    def helper(self):
        return load("x")


class NotATestCase:
    def test_nothing(self):
        load("y")


class ClientTests(unittest.TestCase):
    def setUp(self):
        self.settings = Settings()

    @classmethod
    def setUpClass(cls):
        cls.shared = Settings()

    def test_setup_attribute(self):
        self.settings.reload()

    def test_class_attribute(self):
        self.shared.reload()
