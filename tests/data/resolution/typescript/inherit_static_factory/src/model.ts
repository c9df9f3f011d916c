export class Model {
  static create<T extends Model>(this: new () => T): T {
    return new this();
  }

  save(): boolean {
    return true;
  }
}
