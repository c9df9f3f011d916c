import pytest
from store import Store


@pytest.fixture
def store():
    return Store()


@pytest.mark.parametrize("key", ["a", "b"])
def test_get(store: Store, key):
    assert store.get(key) is None
