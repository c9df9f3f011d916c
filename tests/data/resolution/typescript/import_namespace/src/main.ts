import * as strings from "./strings";

export function shout(s: string): string {
  return strings.upper(strings.lower(s));
}
