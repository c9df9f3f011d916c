class Invoice:
    def total(self):
        return 0
