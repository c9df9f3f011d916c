#include "net/sock.h"
#include "fs/file.h"
#include "mem/pool.h"
int main(void) {
    pool_alloc(8);
    return sock_open() + file_open("/tmp");
}
