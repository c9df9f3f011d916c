import { helper } from "./helper";

export default class Store {
  get(): number {
    return helper();
  }
}

export interface Options {
  debug: boolean;
}

export type Mode = "a" | "b";

export enum Level {
  Low,
}

export declare function declared(): void;

export const VERSION = "1.0";

export { helper };
export { helper as aliasHelper };
export type { Options as Opts };
export * from "./types";
