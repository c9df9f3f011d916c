"use strict";

module.exports = function create(options) {
  return build(options);
};

function build(options) {
  return options;
}
