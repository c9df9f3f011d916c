import { Db } from "./db";

export class Repo {
  private _db?: Db;

  get db(): Db {
    return this._db as Db;
  }

  all(): string[] {
    return this.db.query("select");
  }
}
