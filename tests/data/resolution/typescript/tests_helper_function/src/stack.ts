export class Stack {
  push(x: number): void {}

  size(): number {
    return 0;
  }
}
