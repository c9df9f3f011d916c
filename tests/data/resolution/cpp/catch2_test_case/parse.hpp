#pragma once
int parse(const char* s);
