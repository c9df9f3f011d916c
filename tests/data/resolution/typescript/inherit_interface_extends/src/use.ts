import { Scheduler } from "./types";

export function tick(s: Scheduler): number {
  s.schedule();
  s.run();
  return s.now();
}
