from .core import Engine, build
