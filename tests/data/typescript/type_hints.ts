export function typed(a: number, b: string): string {
  return b + a;
}

function noReturn(a: number) {
  return a;
}

function untypedParam(a, b: number): number {
  return b;
}

function noParams(): void {}

function optionalAndRest(a?: number, ...rest: string[]): number {
  return rest.length;
}

const arrow = (x: number): number => x;
const single = (x) => x;
const bare = x => x;
const declared: (x: number) => number = (x) => x;

class Account {
  constructor(private owner: string, balance: number) {}

  get balance(): number {
    return 0;
  }

  set balance(value: number) {}

  deposit(amount: number) {}

  withdraw(amount: number): boolean {
    return amount > 0;
  }

  handler = (e: Event): void => {};
}

interface Api {
  fetch(id: string): Promise<string>;
  loose(id);
}
