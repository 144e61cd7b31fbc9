/* A stand-in for the macOS SDK's TargetConditionals.h, for tests/cross-check.sh only: the
 * workspace is type-checked for aarch64-apple-darwin on Linux, where there is no SDK. C code is
 * compiled (ring's build script) but never linked or run. */
#ifndef DXTRA_STAND_IN_TARGET_CONDITIONALS_H
#define DXTRA_STAND_IN_TARGET_CONDITIONALS_H
#define TARGET_OS_MAC 1
#define TARGET_OS_OSX 1
#define TARGET_OS_IPHONE 0
#define TARGET_OS_IOS 0
#define TARGET_OS_TV 0
#define TARGET_OS_WATCH 0
#define TARGET_OS_VISION 0
#define TARGET_OS_SIMULATOR 0
#define TARGET_OS_MACCATALYST 0
#define TARGET_OS_EMBEDDED 0
#define TARGET_CPU_ARM64 1
#define TARGET_RT_LITTLE_ENDIAN 1
#define TARGET_RT_64_BIT 1
#endif
