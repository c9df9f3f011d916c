#include <proj/api.h>

int main(void) {
    api_init();
    return api_version();
}
