export function format(n: number): string {
  return String(n);
}
