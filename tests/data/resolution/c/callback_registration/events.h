typedef void (*handler_t)(int);
void register_handler(handler_t h);
