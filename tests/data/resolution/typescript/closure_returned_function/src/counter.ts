export function makeCounter(): () => number {
  let n = 0;
  const next = (): number => ++n;
  return next;
}

export function use(): number {
  const c = makeCounter();
  return c();
}
