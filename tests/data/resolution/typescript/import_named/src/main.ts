import { add, double } from "./math";

export function run(): number {
  return add(1, 2) + double(3);
}
