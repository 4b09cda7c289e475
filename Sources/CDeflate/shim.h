// zlib, for raw-deflate compression of stored catalogue responses at a chosen level (ZIPFoundation
// always deflates at the default level and adds a CRC-32 computed in Swift, which a stored revision
// does not need). A module of its own: ZIPFoundation's zlib module is internal to that package.
#ifndef RENCAI_CDEFLATE_SHIM_H
#define RENCAI_CDEFLATE_SHIM_H
#include <zlib.h>
// deflateInit2 and inflateInit2 are macros, which Swift cannot call.
static inline int rc_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
static inline int rc_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
