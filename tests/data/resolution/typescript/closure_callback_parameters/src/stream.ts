export class Subscriber {
  next(value: number): void {}
  complete(): void {}
}

export class Source {
  subscribe(sink: Subscriber): void {}
  each(visit: (item: Subscriber, index: number) => void): void {}
}

export function operate(init: (source: Source, subscriber: Subscriber) => void): void {}

export function later(run: ((done: Subscriber) => void) | null, delay?: number): void {}

export class Stream {
  constructor(init: (sink: Subscriber) => void) {}
}
