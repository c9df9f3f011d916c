export class Fast {
  run(): void {}
}

export class Safe {
  run(): void {}
  check(): boolean {
    return true;
  }
}

export function choose(quick: boolean, other: any): void {
  (quick ? new Fast() : new Safe()).run();
  const runner = quick ? other : new Safe();
  runner.check();
}

export function fallback(given: Fast | undefined, spare: any): void {
  (given || new Safe()).run();
  (given ?? spare).run();
  (spare && new Safe()).check();
}
