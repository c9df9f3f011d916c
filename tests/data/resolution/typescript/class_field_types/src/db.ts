export class Db {
  query(sql: string): string[] {
    return [];
  }
}

export class Cache {
  get(key: string): string | undefined {
    return undefined;
  }
}
