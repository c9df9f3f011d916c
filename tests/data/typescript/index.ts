export { default as Store } from "./exports";
export * from "./interfaces";
export { load } from "./imports";
