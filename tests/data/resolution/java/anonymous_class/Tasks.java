package demo;

class Tasks {
    void helper() {}

    void start() {
        Runnable task = new Runnable() {
            @Override
            public void run() {
                helper();
            }
        };
        task.run();
    }
}
