export function newId(): string {
  return "id";
}
