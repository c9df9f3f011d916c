class Repository:
    def save(self, obj):
        return obj

    def delete(self, obj):
        return None
