import copy


class Context:
    def reset(self, values):
        return values

    def new(self, values=None):
        fresh = copy.copy(self)
        fresh.reset(values)
        return fresh

    def clone(self):
        other = copy.deepcopy(self)
        other.reset(None)
        return other
