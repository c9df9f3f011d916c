enum class Color { Red, Green };

int code(Color c) { return c == Color::Red ? 1 : 2; }

int main() { return code(Color::Green); }
