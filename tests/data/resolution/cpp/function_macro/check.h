#pragma once
namespace check {
void fail(const char* m);
}
#define CHECK(x) do { if (!(x)) check::fail(#x); } while (0)
