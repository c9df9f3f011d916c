package demo;

class Service {
    private static final Logger LOG = new Logger();

    void serve() {
        LOG.info("serving");
    }
}
