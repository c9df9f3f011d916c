try:
    import json
except ImportError:
    import simplejson as json


def decode(s):
    return json.loads(s)
