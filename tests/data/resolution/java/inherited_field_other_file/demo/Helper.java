package demo;

public class Helper {
    public void assist() {}
}
