import os
import os.path as osp
import xml.etree.ElementTree
from collections import OrderedDict, defaultdict as dd
from . import sibling
from .models import Model
from ..core.base import Base as CoreBase
from pkg import *


def paths(p):
    return os.path.join(osp.dirname(p), "x")


def tree():
    return xml.etree.ElementTree.parse("f")


def mapping():
    d = dd(list)
    return OrderedDict(d), sibling.helper(), Model.objects.all()


class Derived(CoreBase):
    pass
