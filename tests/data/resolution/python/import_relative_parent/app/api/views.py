from ..util import now
from .. import helpers


def index():
    return helpers.fmt(now())
