export { slugify } from "./slug";
export * from "./time";
