void init_all(void);
#define INIT() init_all()
