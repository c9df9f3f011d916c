const util = require("./util");
const { helper } = require("./util");

function run(x) {
  return util.helper(x) + helper(x);
}

module.exports = run;
