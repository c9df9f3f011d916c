from a import A


class B(A):
    def middle(self):
        return "b"
