int is_even(unsigned n);
int is_odd(unsigned n);
