public class Util {
    static void help() {}
}
