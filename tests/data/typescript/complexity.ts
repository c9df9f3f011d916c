export function classify(n: number | null): string {
  if (n === null) {
    return "none";
  }
  switch (true) {
    case n < 0:
      return "negative";
    case n === 0:
      return "zero";
    default:
      return n > 100 ? "big" : "small";
  }
}

export const safe = (x?: { y?: number }): number => x?.y ?? 0;

export class Walker {
  walk(items: number[]): number {
    let total = 0;
    for (const i of items) {
      while (i > total && total < 10) {
        total++;
      }
    }
    try {
      return total;
    } catch {
      return -1;
    }
  }
}
