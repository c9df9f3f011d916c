package demo;

public class Config {
    public String get(String key) {
        return key;
    }
}
