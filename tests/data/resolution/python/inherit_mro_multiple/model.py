from mixins import JsonMixin, Base


class Model(JsonMixin, Base):
    def export(self):
        self.save()
        return self.dump()
