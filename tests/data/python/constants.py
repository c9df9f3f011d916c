MAX_SIZE = 1024
DEFAULT_NAME: str = "x"
lowercase = 3
_PRIVATE_LIMIT = MAX_SIZE * 2

type Pair = tuple[int, int]


def limit():
    return MAX_SIZE
