def classify(n, flags):
    if n < 0 and flags:
        return "neg"
    elif n == 0 or not flags:
        return "zero"
    for i in range(n):
        while i > 0:
            i -= 1
    try:
        x = [y for y in flags if y]
    except ValueError:
        x = None
    except TypeError:
        x = []
    match n:
        case 1:
            return "one"
        case _:
            pass
    return "big" if n > 100 else x


def straight():
    return 1
