int straight(int a) {
    return a;
}

int branches(int a, int b) {
    if (a > 0) {
        return 1;
    } else if (b > 0) {
        return 2;
    } else {
        return 3;
    }
}

int loops(int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        while (total < i) {
            total++;
        }
    }
    do {
        total--;
    } while (total > 100);
    return total;
}

int switches(int k) {
    switch (k) {
    case 1:
        return 10;
    case 2:
    case 3:
        return 20;
    default:
        return 0;
    }
}

int logic(int a, int b, int c) {
    return (a && b) || c ? a : b;
}
