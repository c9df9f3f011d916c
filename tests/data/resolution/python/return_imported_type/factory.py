from models import Invoice


def new_invoice() -> Invoice:
    return Invoice()
