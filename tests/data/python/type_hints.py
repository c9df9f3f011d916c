from typing import Optional


def typed(a: int, b: str = "x", *args: int, **kwargs: str) -> Optional[str]:
    return None


def partly(a: int, b) -> int:
    return a


def no_return(a: int):
    return a


class K:
    def m(self, x: int) -> int:
        return x

    @classmethod
    def c(cls) -> "K":
        return cls()
