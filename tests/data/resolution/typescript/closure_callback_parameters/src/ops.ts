import { operate, later, Source, Stream, Subscriber } from "./stream";

export function take(count: number): void {
  operate((source, subscriber) => {
    source.subscribe(subscriber);
    subscriber.next(count);
  });
  later(function (done) {
    done.complete();
  });
}

export function drain(source: Source): void {
  source.each((item, index) => item.next(index));
}

function local(run: (s: Subscriber) => void): void {}

export function inFile(): void {
  local((s) => s.complete());
  [1, 2].forEach((n) => n.toFixed());
}

export function create(): Stream {
  return new Stream((sink) => sink.complete());
}
