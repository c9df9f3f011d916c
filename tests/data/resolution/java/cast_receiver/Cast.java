package demo;

class Shape {}

class Circle extends Shape {
    double radius() {
        return 1.0;
    }
}

class Cast {
    double r(Shape s) {
        if (s instanceof Circle c) {
            return c.radius();
        }
        return ((Circle) s).radius();
    }
}
