interface Repository<K, V> {
  find(id: K): V;
  readonly latest: V;
}

class User {
  save(): void {}
  rename(name: string): User {
    return this;
  }
}

function touch(users: Repository<string, User>): void {
  users.find("ada").save();
  users.latest.rename("grace").save();
}
