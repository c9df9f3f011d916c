import { pad } from "utils";
import { label } from "lib/format";

export function render(s: string): string {
  return label(pad(s));
}
