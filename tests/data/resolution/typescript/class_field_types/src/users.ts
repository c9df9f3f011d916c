import { Db, Cache } from "./db";

export class Users {
  private cache: Cache = new Cache();

  constructor(private readonly db: Db) {}

  find(id: string): string[] {
    this.cache.get(id);
    return this.db.query("select");
  }
}
