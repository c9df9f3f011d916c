import React from "react";
import { useState, useEffect as useEff } from "react";
import * as path from "node:path";
import map from "lodash/map";
import { parse } from "./util.js";
import helper, { format as fmt } from "../lib/helper";
import * as local from "./local/index.js";
import "./polyfill";
import { pick } from "@scope/pkg";

export function run(input) {
  const [state] = useState(0);
  useEff(() => {});
  path.join("a", "b");
  map([1], (x) => x);
  pick({}, "a");
  return parse(fmt(helper(input, local.value())));
}

export const view = () => React.createElement("div");
