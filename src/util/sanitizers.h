#pragma once
// Whether this build runs under AddressSanitizer (clang says so through
// __has_feature, gcc through __SANITIZE_ADDRESS__): LESSONLINT_ASAN is then
// defined, and the ASan and LSan interfaces are included.

#if defined(__SANITIZE_ADDRESS__)
#define LESSONLINT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LESSONLINT_ASAN 1
#endif
#endif

#ifdef LESSONLINT_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#endif
