// glibc's mallopt, which Swift's Glibc module does not bring in (it lives in <malloc.h>).
#ifndef RENCAI_CMALLOC_SHIM_H
#define RENCAI_CMALLOC_SHIM_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
// Keeps blocks below `mmap_threshold` bytes on the heap and `trim_threshold` bytes of free heap top
// before returning memory to the kernel. Returns 1 when both were set.
static inline int rc_malloc_keep_heap(int mmap_threshold, int trim_threshold) {
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1;
}
#else
static inline int rc_malloc_keep_heap(int mmap_threshold, int trim_threshold) { return 0; }
#endif
#else
static inline int rc_malloc_keep_heap(int mmap_threshold, int trim_threshold) { return 0; }
#endif
#endif
