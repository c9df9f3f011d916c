class View:
    def render(self, template):
        return template
