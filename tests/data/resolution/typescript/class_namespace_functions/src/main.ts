import { Util } from "./util";

export function tidy(s: string): string {
  return Util.clean(s);
}
