package demo;

class Request {
    static class Builder {
        Builder url(String u) {
            return this;
        }

        Builder header(String h) {
            return this;
        }

        Request build() {
            return new Request();
        }
    }

    void send() {}

    static void run() {
        new Builder().url("x").header("y").build().send();
    }
}
