import * as path from "path";
import { readFileSync } from "fs";
import _ from "lodash";

export function load(dir: string): string[] {
  const file = path.join(dir, "a.txt");
  const text = readFileSync(file, "utf8");
  return _.map(text.split("\n"), (l: string) => l.trim());
}
