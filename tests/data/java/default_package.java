// No package: the default package.
public class Main {
    public static void main(String[] args) {
        Util.help(args);
        System.out.println("done");
    }
}
