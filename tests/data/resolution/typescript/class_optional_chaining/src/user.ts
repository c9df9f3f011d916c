export class User {
  name(): string {
    return "u";
  }
}

export function label(u?: User): string | undefined {
  return u?.name();
}
