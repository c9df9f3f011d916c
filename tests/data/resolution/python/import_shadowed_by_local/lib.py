def helper():
    return "lib"
