// Linked into lessonlint, and only there, when LESSONLINT_SANITIZE is on (top CMakeLists.txt).
//
// libgit2 leaks inside lessonlint, which the end-to-end tests spawn (ci/lsan-suppressions.txt).
// Debian builds libgit2 without frame pointers, so a suppression naming a libgit2 function only
// matches a stack taken by the slow unwinder, and that unwinder makes every allocation several
// times dearer: set for the whole test suite (LSAN_OPTIONS) it made the unit tests six times
// slower and pushed the largest fuzz regression input past its 10 s limit. So only this process
// uses it; the test binary keeps the fast one. LSAN_OPTIONS=fast_unwind_on_malloc=1 overrides it.
extern "C" const char* __lsan_default_options() { return "fast_unwind_on_malloc=0"; }
