export class Db {
  query(sql: string): string[] {
    return [];
  }
}
