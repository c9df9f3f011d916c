import { Id } from "./id";

export function fresh(): number {
  return Id.next();
}
