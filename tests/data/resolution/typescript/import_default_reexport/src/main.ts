import makeButton, { button } from "./widgets";

export function ui(): string {
  return button("a") + makeButton("b");
}
