import { api } from "./api";

export function call(): string {
  return api.post("/x");
}
