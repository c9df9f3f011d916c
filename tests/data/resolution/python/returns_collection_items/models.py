from typing import Dict, Iterator, List


class Field:
    def check(self):
        return []

    def clean(self, value):
        return value

    def validate(self, value):
        pass

    def deconstruct(self):
        return ()

    def describe(self):
        return ""

    def label(self):
        return ""

    def rename(self, name):
        pass

    def freeze(self):
        pass


class Model:
    fields: List[Field] = []
    by_name: Dict[str, Field] = {}

    def get_fields(self) -> List[Field]:
        return self.fields

    def iter_fields(self) -> Iterator[Field]:
        yield from self.fields

    def run(self, value):
        for field in self.get_fields():
            field.check()
        for field in self.iter_fields():
            field.clean(value)
        self.by_name["name"].validate(value)
        return self.fields[0].deconstruct()

    def summary(self):
        for field in self.by_name.values():
            field.describe()
        for name, field in self.by_name.items():
            field.label()

    def update(self, renamed: "Dict[str, Field]", frozen: "List[Field]"):
        for name, field in renamed.items():
            field.rename(name)
        for field in frozen:
            field.freeze()
