export function memo(ttl: number) {
  return function (target: unknown, key: string): void {};
}
