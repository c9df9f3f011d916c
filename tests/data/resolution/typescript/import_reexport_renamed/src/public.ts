export { start as boot } from "./core/engine";
