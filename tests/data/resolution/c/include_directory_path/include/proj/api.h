#ifndef PROJ_API_H
#define PROJ_API_H
void api_init(void);
int api_version(void);
#endif
