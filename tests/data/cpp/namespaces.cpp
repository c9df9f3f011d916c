namespace outer {
namespace inner {
int deep() { return 1; }
}

int shallow() { return inner::deep(); }
}

namespace outer::inner {
int again() { return deep(); }
}

namespace {
int hidden() { return 2; }
}

inline namespace v1 {
int versioned() { return hidden(); }
}

namespace alias = outer::inner;

int top() { return alias::deep() + ::outer::shallow(); }
