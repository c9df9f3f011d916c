import mathutil
from mathutil import Vector


def origin():
    Vector.zero()
    return mathutil.Vector.unit()
