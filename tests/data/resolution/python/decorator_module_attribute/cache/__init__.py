from .memo import memoize
