function f() {
  return 1;
}

function f() {
  return 2;
}

class Box {
  get size() {
    return 1;
  }

  set size(v) {}
}

class Box {}

export function g() {}
export function g() {}

f();
