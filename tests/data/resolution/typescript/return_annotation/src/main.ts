import { make } from "./engine";

export function main(): number {
  const e = make();
  return e.run() + make().run();
}
