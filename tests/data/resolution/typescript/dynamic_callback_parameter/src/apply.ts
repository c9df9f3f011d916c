function double(x: number): number {
  return 2 * x;
}

export function apply(fn: (x: number) => number, x: number): number {
  return fn(x);
}

export function main(): number {
  return apply(double, 3);
}
