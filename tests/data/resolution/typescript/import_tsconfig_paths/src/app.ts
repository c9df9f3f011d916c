import { cents } from "@/lib/money";

export function price(x: number): number {
  return cents(x);
}
