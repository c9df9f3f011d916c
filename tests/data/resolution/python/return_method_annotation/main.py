from session import Session


def save(s: Session):
    tx = s.begin()
    return tx.commit()
