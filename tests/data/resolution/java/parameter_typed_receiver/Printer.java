package demo;

class Page {
    void render() {}
}

class Printer {
    void print(Page page) {
        page.render();
    }
}
