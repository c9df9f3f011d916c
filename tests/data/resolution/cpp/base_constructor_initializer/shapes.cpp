class Shape {
public:
    Shape(int sides) {}
};

class Square : public Shape {
public:
    Square() : Shape(4), side_(1) {}
private:
    int side_;
};
