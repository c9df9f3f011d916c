import { Animal } from "./animal";

export class Dog extends Animal {
  constructor(name: string) {
    super(name);
  }

  speak(): string {
    return super.speak() + " woof";
  }
}
