class Order:
    def save(self):
        return 1


class Invoice:
    def save(self):
        return 2


class Note:
    def archive(self):
        return 3
