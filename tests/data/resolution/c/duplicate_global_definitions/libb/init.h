int init(void);
