int helper(int x) { return x * 2; }

int main() {
    return helper(21);
}
