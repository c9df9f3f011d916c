int old_add(a, b)
    int a;
    int b;
{
    return a + b;
}
