const MAX_SIZE = 1024;
const DEFAULT_NAME = "x";
const lowercase = 3;
let NOT_CONST = 1;
var ALSO_NOT = 2;
export const _PRIVATE_LIMIT = MAX_SIZE * 2;
const HANDLER = () => MAX_SIZE;
const ROUTES = {
  home() {
    return "/";
  },
};
const A = 1, B2 = 2;

function limit() {
  const INNER = 5;
  return MAX_SIZE + INNER;
}
