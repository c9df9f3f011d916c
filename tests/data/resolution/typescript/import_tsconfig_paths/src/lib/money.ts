export function cents(x: number): number {
  return Math.round(x * 100);
}
