from dataclasses import dataclass
import functools


@dataclass
class Point:
    x: int
    y: int

    @property
    def norm(self):
        return abs(self.x) + abs(self.y)

    @functools.lru_cache(maxsize=None)
    def scaled(self, k):
        return Point(self.x * k, self.y * k)
