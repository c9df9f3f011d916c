var debug = require("debug")("app");
var Layer = require("./layer");

/**
 * A route.
 */
function Route(path) {
  this.path = path;
  this.stack = [];
}

/** Dispatches. */
Route.prototype.dispatch = function dispatch(req) {
  return this.handle(req) && new Layer(req);
};

Route.prototype.handle = function (req) {
  debug(req);
  return true;
};

Route.create = (path) => new Route(path);

unknownThing.prototype.skip = function () {};

module.exports = Route;
