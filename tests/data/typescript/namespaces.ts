export namespace Geometry {
  export function area(r: number): number {
    return Math.PI * square(r);
  }

  function square(x: number): number {
    return x * x;
  }

  export class Circle {
    radius(): number {
      return area(1);
    }
  }
}

namespace Outer.Inner {
  export const VALUE = 1;
}

declare module "legacy-lib" {
  function legacy(): void;
}

declare global {
  interface Window {
    app: unknown;
  }
}

module Old {
  export function f() {}
}

Geometry.area(2);
