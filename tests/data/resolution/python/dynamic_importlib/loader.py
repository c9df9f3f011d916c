import importlib


def load(name):
    module = importlib.import_module(name)
    return module.setup()
