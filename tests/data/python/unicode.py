"""Ünïcödé module — ok."""


def grüße(name):
    """Sagt «Hallo»."""
    return f"Hallo {name} 👋"


class Café:
    def naïve(self):
        return grüße("Zoë")
