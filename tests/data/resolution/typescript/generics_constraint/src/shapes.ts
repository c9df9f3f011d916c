abstract class Shape {
  abstract area(): number;
  describe(): string {
    return "shape";
  }
}

class Gallery<S extends Shape> {
  private items: S[] = [];
  featured!: S;

  headline(): string {
    return this.featured.describe();
  }

  pick(): S {
    return this.featured;
  }
}

function largest<T extends Shape>(a: T, b: T): T {
  return a.area() > b.area() ? a : b;
}

function show(g: Gallery<Shape>): string {
  return g.pick().describe();
}
