export function dot(a: number[], b: number[]): number {
  return 0;
}
