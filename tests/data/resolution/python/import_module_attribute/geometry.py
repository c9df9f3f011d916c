def area(w, h):
    return w * h


def volume(w, h, d):
    return area(w, h) * d
