def build(parts):
    from fmt import pad

    def clean(p):
        return pad(p)

    def each():
        return [clean(p) for p in parts]

    return each()
