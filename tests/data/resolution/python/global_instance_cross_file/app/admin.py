from app.registry import site
from app import registry


def setup():
    site.register("users")
    return registry.site.lookup("users")
