#pragma once

class Later;
struct Pod;
int compute(int);
extern int global_counter;

extern "C" {
int c_api(void);
int c_impl(void) { return c_api(); }
}

static int header_static() { return compute(1); }
inline int header_inline() { return header_static(); }
