import pytest
from app.client import Client


@pytest.fixture
def api_client() -> Client:
    return make_client()
