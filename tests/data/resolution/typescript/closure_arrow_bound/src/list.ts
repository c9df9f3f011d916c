const square = (x: number): number => x * x;

export function sumSquares(xs: number[]): number {
  const add = (a: number, b: number): number => a + square(b);
  return xs.reduce(add, 0);
}
