/* A stand-in for the macOS SDK's string.h, for tests/cross-check.sh only (see TargetConditionals.h). */
#ifndef DXTRA_STAND_IN_STRING_H
#define DXTRA_STAND_IN_STRING_H
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#endif
