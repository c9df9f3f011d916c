class Widget {
public:
    virtual void draw() {}
};

class Button : public Widget {
public:
    void draw() override { Widget::draw(); }
};
