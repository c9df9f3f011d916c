export class Repo<T> {
  add(item: T): T {
    return item;
  }
}
