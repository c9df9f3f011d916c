export class Point {
  constructor(public x: number, public y: number) {
    this.check();
  }

  check(): void {}

  norm(): number {
    return Math.abs(this.x) + Math.abs(this.y);
  }
}

export function origin(): number {
  const p = new Point(0, 0);
  return p.norm();
}
