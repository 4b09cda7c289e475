// Zstandard, for the stored copies of fetched pages and their parsed rows.
#ifndef RENCAI_CZSTD_SHIM_H
#define RENCAI_CZSTD_SHIM_H
#include <zstd.h>
// ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are macros of unsigned long long constants Swift does not import.
static inline int rc_zstd_size_known(unsigned long long size) {
    return size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR;
}
#endif
