export abstract class Repository<T> {
  protected items: T[] = [];

  abstract validate(item: T): boolean;

  public add(item: T): void {
    if (this.validate(item)) {
      this.items.push(item);
    }
  }

  static async load(id: string): Promise<User> {
    return User.find(id);
  }

  #compact(): void {}

  private readonly cleanup = (): void => {
    this.#compact();
  };

  override toString(): string {
    return "repo";
  }
}

export class User {
  static find(id: string): User {
    return new User();
  }
}

export class UserRepository extends Repository<User> implements Iterable<User> {
  validate(user: User): boolean {
    return user !== null;
  }

  save(user: User): void {
    this.add(user);
    super.add(user);
    UserRepository.load("1");
  }
}
