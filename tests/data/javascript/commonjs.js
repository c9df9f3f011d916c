const fs = require("fs");
const { join, resolve: res } = require("path");
const util = require("./util");
const parseIt = require("./parser").parse;
require("./side-effect");

function read(file) {
  return fs.readFileSync(join(file), "utf8");
}

function parse(text) {
  util.check(text);
  return parseIt(res(text));
}

function lazy() {
  const inner = require("./lazy");
  return inner.run() + util();
}

exports.helper = function () {
  return read("x");
};

module.exports.other = () => parse("y");
exports.direct = parse;

module.exports = {
  read,
  parsed: parse,
  inline(x) {
    return read(x);
  },
  arrow: (y) => parse(y),
};
