export class Animal {
  constructor(public name: string) {}

  speak(): string {
    return this.name;
  }
}
