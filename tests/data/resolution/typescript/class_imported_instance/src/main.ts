import { Cart } from "./cart";

export function fill(): number {
  const cart = new Cart();
  cart.add("apple");
  return cart.count();
}
