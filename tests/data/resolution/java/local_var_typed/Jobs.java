package demo;

class Job {
    void start() {}
}

class Jobs {
    Job next() {
        return new Job();
    }

    void runNext() {
        Job job = next();
        job.start();
    }
}
