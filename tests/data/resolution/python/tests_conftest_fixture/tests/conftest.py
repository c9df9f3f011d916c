import pytest
from app.client import Client, connect


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def session():
    return connect()
