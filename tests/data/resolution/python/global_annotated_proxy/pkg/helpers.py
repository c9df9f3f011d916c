from .globals import current_app


def url_for(endpoint):
    return current_app.url_for(endpoint)
