import { Serializable } from "./serial";

interface Base {
  id: number;
}

/** Something with an area. */
export interface Shape extends Base, Serializable {
  area(): number;
  scale(factor: number): Shape;
  name: string;
  onChange?: (value: number) => void;
}

interface Generic<T> extends Array<T> {}

export class Square implements Shape, Serializable {
  id = 1;
  name = "square";
  constructor(private side: number) {}
  area(): number {
    return this.side * this.side;
  }
  scale(factor: number): Shape {
    return new Square(this.side * factor);
  }
  serialize(): string {
    return JSON.stringify(this);
  }
}
