package demo;

public class Db {
    public void connect() {}
}
