from typing import Generic, TypeVar

T = TypeVar("T")


class Repo(Generic[T]):
    def add(self, item: T):
        return item
