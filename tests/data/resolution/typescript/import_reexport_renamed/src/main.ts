import { boot } from "./public";

export function main(): number {
  return boot();
}
