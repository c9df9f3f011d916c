class Box {
public:
    int width() const { return 3; }
    int height() const { return 4; }
    int area() const { return width() * this->height(); }
};
