#ifndef MACROS_H
#define MACROS_H

#define VERSION 3
#define SQUARE(x) ((x) * (x))
#define LOG(msg) log_line(__FILE__, msg)
#define CALL_NS(x) util::trace(x)

void log_line(const char* file, const char* msg);

namespace util {
void trace(int x);
}

class Config {
public:
    int level() const { return SQUARE(VERSION); }
};

#endif
