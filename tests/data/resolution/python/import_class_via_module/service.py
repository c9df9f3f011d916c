import models


def open_account(owner):
    models.Account.validate(owner)
    return models.Account(owner)
