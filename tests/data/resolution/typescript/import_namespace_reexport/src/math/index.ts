export * as vec from "./vec";
