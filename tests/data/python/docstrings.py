'''Single-quoted module docstring.'''


def one_line():
    """Does one thing."""


def multi_line():
    """Summary line.

    More detail, indented
        and deeper.
    """


def raw():
    r"""Raw \d docstring."""


def not_a_docstring():
    x = 1
    """Not a docstring: not the first statement."""
    return x
