int my_getc(void);
#define my_getc() 0
