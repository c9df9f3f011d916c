#ifndef CODEC_H
#define CODEC_H
#ifdef __cplusplus
extern "C" {
#endif

int encode(int v);
int decode(int v);

#ifdef __cplusplus
}
#endif
#endif
