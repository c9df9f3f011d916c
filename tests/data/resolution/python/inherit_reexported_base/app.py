from framework import View


class Page(View):
    def show(self):
        return self.render("page.html")
