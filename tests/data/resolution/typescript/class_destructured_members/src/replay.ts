export class Clock {
  now(): number {
    return 0;
  }
}

export class Store {
  push(at: number): void {}
}

export class Replay {
  private _clock!: Clock;
  private _store!: Store;

  record(): void {
    const { _clock, _store: store } = this;
    store.push(_clock.now());
  }
}

export function replayAll(replay: Replay, options: { label: string }): void {
  const { label } = options;
  label.trim();
}
