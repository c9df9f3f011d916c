export function Component(name: string) {
  return (target: unknown) => target;
}

export function Log(target: unknown, key: string): void {}
