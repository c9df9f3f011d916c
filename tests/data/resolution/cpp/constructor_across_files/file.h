#pragma once
class File {
public:
    File(const char* path);
    void close();
};
