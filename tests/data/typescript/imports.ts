import type { Config } from "./config";
import { type Options, parse } from "./parser.js";
import Default, * as everything from "../shared/index";
import fs = require("fs");
import { default as renamed } from "./renamed";
import "reflect-metadata";

export function load(path: string): Config {
  const text = fs.readFileSync(path, "utf8");
  everything.validate(text);
  renamed();
  return parse(text, Default);
}

export async function lazy(): Promise<void> {
  const mod = await import("./lazy");
  mod.run();
  import("./other").then((m) => m.go());
}
