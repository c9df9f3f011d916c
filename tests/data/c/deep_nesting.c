int deep(int x) {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    {
    x = x + nested_call(x);
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    }
    return x;
}

#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
#ifdef A
int inside_ifdefs(void) { return 1; }
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif

int after_deep(void) { return deep(1); }
