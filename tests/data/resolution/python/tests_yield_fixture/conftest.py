from typing import Iterator

import pytest
from db import Connection


@pytest.fixture
def conn():
    c = Connection()
    yield c
    c.close()


@pytest.fixture
def typed_conn() -> Iterator[Connection]:
    yield open_connection()
