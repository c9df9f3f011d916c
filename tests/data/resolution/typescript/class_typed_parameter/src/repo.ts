export class Repo {
  save(x: string): string {
    return x;
  }
}
