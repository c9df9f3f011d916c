import { remote } from "./remote";
import * as ns from "./ns";
import def from "./def";

function helper() {
  return 1;
}

class Service {
  static make() {
    return new Service();
  }

  run() {
    return this.step() + Service.make();
  }

  step() {
    return helper();
  }
}

const api = {
  get() {
    return helper();
  },
  put: () => api.get(),
};

function caller(obj, fn) {
  helper();
  remote();
  remote.deep.call();
  ns.f();
  def();
  def.g();
  api.get();
  api.missing();
  obj.method();
  obj?.optional?.();
  fn();
  unknown();
  getFactory()();
  (function () {
    return helper();
  })();
  new Service().run();
  new remote.Widget();
  new Map();
  [1, 2].map((x) => helper(x));
  console.log("x".repeat(3));
  return `${helper()}`;
}

helper();
