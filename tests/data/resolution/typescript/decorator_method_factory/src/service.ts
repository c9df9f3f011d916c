import { memo } from "./cache";

export class Service {
  @memo(60)
  load(): string {
    return "x";
  }
}
