from factory import pick, renderer


def run(value):
    encode = pick("json")
    encode(value)
    pick("json")(value)
    render = renderer()
    return render(value)
