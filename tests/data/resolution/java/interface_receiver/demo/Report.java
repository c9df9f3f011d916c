package demo;

class Report {
    double total(Shape shape) {
        return shape.area();
    }
}
