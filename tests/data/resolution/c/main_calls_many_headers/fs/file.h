int file_open(const char *p);
