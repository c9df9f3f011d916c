import factory


def bill():
    inv = factory.new_invoice()
    return inv.total()
