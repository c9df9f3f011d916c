import { newId } from "../../shared/ids";

export function createOrder(): string {
  return newId();
}
