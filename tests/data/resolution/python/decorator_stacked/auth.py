def login_required(fn):
    return fn


def audited(fn):
    return fn
