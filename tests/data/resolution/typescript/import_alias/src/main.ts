import { format as fmt } from "./fmt";

export function show(n: number): string {
  return fmt(n);
}
