class App:
    def url_for(self, endpoint):
        return "/" + endpoint
