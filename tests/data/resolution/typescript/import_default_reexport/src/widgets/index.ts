export { default as button } from "./button";
export { default } from "./button";
