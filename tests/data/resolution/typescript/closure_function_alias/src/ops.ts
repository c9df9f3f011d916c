function process(x: number): number {
  return x;
}

export function run(x: number): number {
  const handler = process;
  return handler(x);
}
