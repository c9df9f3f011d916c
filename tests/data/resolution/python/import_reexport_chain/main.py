import app


def start():
    return app.run()
