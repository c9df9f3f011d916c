class Queue:
    def push(self, item):
        return item

    def pop(self):
        return None
