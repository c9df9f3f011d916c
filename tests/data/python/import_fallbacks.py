"""Imports in `except` clauses are fallbacks; definitions repeated in other blocks
are alternatives."""
try:
    import simplejson as json
except ImportError:
    import json

try:
    from fast import speedups
except ImportError:
    try:
        from slow import speedups
    except ImportError:
        speedups = None


def load(text):
    try:
        import ujson as parser
    except ImportError:
        import json as parser
    return parser.loads(text)


class Codec:
    try:
        from zlib import compress
    except ImportError:
        def compress(data):
            return data

    def encode(self, data):
        return json.dumps(speedups.prepare(data))


if json:
    def dumps(obj):
        return json.dumps(obj)
else:
    def dumps(obj):
        return repr(obj)


def dumps(obj):
    return load(obj)


def caller():
    return dumps(1)
