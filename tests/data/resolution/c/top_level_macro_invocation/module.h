#define MODULE_INIT(fn) int module_init_entry(void) { return fn(); }
