function handle(x: number): number {
  return x;
}

export function runAll(xs: number[]): number[] {
  return xs.map((x) => handle(x));
}
