def helper():
    return "global"


def outer():
    def helper():
        return "inner"

    return helper()


def other():
    return helper()
