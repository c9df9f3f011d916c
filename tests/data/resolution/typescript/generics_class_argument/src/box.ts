export class Apple {
  eat(): void {}
}

export class Box<T> {
  constructor(public item: T) {}

  get(): T {
    return this.item;
  }
}

export function open(box: Box<Apple>): void {
  box.get().eat();
  box.item.eat();
}
