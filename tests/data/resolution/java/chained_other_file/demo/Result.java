package demo;

public class Result {
    public int count() {
        return 0;
    }
}
