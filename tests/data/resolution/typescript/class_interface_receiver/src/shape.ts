export interface Shape {
  area(): number;
}

export class Square implements Shape {
  area(): number {
    return 4;
  }
}
