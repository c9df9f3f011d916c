import { vec } from "./math";

export function run(): number {
  return vec.dot([1], [2]);
}
