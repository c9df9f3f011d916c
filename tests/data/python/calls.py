def helper():
    return 1


def later_defined_caller():
    return defined_later() + helper()


def defined_later():
    return len([1, 2]) + unknown_function()


def dynamic(obj, name):
    getattr(obj, name)()
    obj.method()
    (lambda: helper())()
    return [helper() for _ in range(3)]


helper()
