#pragma once
namespace io {
void flush();
void write(const char* s);
}
