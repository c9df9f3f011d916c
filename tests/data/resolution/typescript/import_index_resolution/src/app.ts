import { slugify, now } from "./utils";

export function stamp(title: string): string {
  return slugify(title) + now();
}
