from repo import Repo


class User:
    pass


class UserRepo(Repo[User]):
    def register(self, u: User):
        return self.add(u)
