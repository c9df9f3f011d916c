import pytest
from pricing import total


def test_helper_in_library():
    return total(1)


@pytest.mark.parametrize("x", [1, 2])
def test_marked(x):
    return total(x)
