import { Repo } from "./repo";

interface User {
  id: string;
}

export class UserRepo extends Repo<User> {
  register(u: User): User {
    return this.add(u);
  }
}
