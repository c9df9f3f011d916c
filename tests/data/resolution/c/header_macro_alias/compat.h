int new_read(int fd);
#define old_read new_read
