import pytest
from shop.basket import Basket, parse_header
from shop import pricing


def make_basket():
    basket = Basket()
    fill(basket)
    return basket


def fill(basket):
    basket.add("apple")
    stock(basket)


def stock(basket):
    deep(basket)


def deep(basket):
    pricing.audit(basket)


def test_total():
    basket = make_basket()
    assert pricing.total(basket) == 1
    assert len(basket.items) == 1


def test_parse_header():
    assert parse_header("a: b")


def test_recursive():
    test_recursive()


@pytest.mark.slow
def check_marked():
    pricing.total(None)


class TestBasket:
    def helper(self):
        return Basket()

    def test_empty(self):
        basket = self.helper()
        assert basket.count() == 0

    def not_a_test(self):
        pricing.total(None)


class Other:
    def test_ignored(self):
        pricing.total(None)


@pytest.fixture
def basket():
    return Basket()


@pytest.fixture
def filled(basket):
    fill(basket)
    yield basket


def test_fixtures(filled, client, tmp_path):
    filled.count()
    client.get()


class TestWithFixtures:
    def test_method(self, basket):
        basket.count()


@pytest.mark.parametrize("basket", [None])
def test_parametrized(basket):
    basket.count()
