int compute(int x);
int api(int x);

int main(void) {
    return compute(1) + api(2);
}
