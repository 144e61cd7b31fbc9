/* A stand-in for the macOS SDK's assert.h, for tests/cross-check.sh only (see TargetConditionals.h). */
#ifndef DXTRA_STAND_IN_ASSERT_H
#define DXTRA_STAND_IN_ASSERT_H
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __builtin_trap())
#endif
#ifndef __cplusplus
#define static_assert _Static_assert
#endif
#endif
