package demo;

public class Query {
    public Query where(String c) {
        return this;
    }

    public Result fetch() {
        return new Result();
    }
}
