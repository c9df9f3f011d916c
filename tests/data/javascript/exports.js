export function named() {}
export class Thing {
  method() {}
}
export const CONFIG = { debug: true };
export const lower = 1;
export let handler = () => named();

function local() {}
const alias = () => {};
export { local, alias as renamed };
export { a, b as bee } from "./other";
export * from "./everything";
export * as ns from "./namespace";

export default function () {
  return local();
}
