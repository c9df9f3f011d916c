function handle(x: number): void {}
function handle(x: string): void {}

if (typeof window !== "undefined") {
  function setup() {}
} else {
  function setup() {}
}

class Duplicated {
  m(): void {}
  m(): void {}
}

interface Merged {
  a: number;
}
interface Merged {
  b: number;
}

setup();
