from shop import Basket


def make_basket() -> Basket:
    b = Basket()
    b.add("apple")
    return b


def test_count():
    basket = make_basket()
    assert basket.count() == 1
