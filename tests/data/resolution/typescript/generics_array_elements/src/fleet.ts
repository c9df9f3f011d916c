export class Truck {
  drive(): void {}
  load(weight: number): Truck {
    return this;
  }
}

export class Depot {
  trucks: Truck[] = [];
  spare: Array<Truck> = [];

  dispatch(): void {
    for (const truck of this.trucks) {
      truck.drive();
    }
    this.trucks[0].drive();
    this.spare.pop()!.drive();
    this.trucks.filter((t) => t.load(1)).forEach((t) => t.drive());
    const total = this.trucks.reduce((sum, t) => sum + t.load(2).drive.length, 0);
  }
}

export function convoy(extra: Set<Truck>, more: readonly Truck[]): void {
  const all = [new Truck(), ...more];
  for (const t of all) {
    t.drive();
  }
  for (const t of extra) {
    t.load(3);
  }
  for (const key in { a: 1 }) {
    key.toString();
  }
}
