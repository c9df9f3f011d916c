package demo;

public class Config {
    public Db db;
}
