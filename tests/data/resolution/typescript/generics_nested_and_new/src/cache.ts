export class Engine {
  start(): void {}
}

export class Slot<T> {
  private value: T | undefined;

  get current(): T {
    return this.value as T;
  }

  load(): Promise<T> {
    return Promise.resolve(this.value as T);
  }
}

export class Garage<T> {
  slot(): Slot<T> {
    return new Slot<T>();
  }
}

export async function run(): Promise<void> {
  const garage = new Garage<Engine>();
  garage.slot().current.start();
  const engine = await garage.slot().load();
  engine.start();
  const nested: Slot<Slot<Engine>> = new Slot<Slot<Engine>>();
  nested.current.current.start();
}
