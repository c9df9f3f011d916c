export class A {
  hello(): string {
    return "a";
  }
}
