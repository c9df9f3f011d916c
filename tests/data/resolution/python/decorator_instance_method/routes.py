from web import App

app = App()


@app.route("/")
def index():
    return "hi"
