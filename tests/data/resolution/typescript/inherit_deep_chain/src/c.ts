import { B } from "./b";

export class C extends B {
  run(): string {
    return this.hello();
  }
}

export function make(): string {
  return new C().hello();
}
