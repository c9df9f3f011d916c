import os
import os.path
import json as js
from collections import OrderedDict
from json import dumps as to_json


def config_path(home):
    return os.path.join(home, ".config")


def save(data):
    js.loads("{}")
    ordered = OrderedDict()
    return to_json(data), ordered


def cwd():
    return os.getcwd()
