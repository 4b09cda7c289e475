import CMalloc

/// glibc malloc settings for rencai's own processes. By default glibc serves blocks over 128 KiB (and,
/// as it adapts, somewhat larger) straight from mmap and hands freed memory at the top of its heaps back
/// to the kernel; a watch round allocates and frees blocks of that size for every page (the body, its
/// text, the parsed cells, zlib's state), so each page paid for fresh zeroed pages and their faults
/// again. Keeping blocks up to 4 MiB on the heap and not trimming below 64 MiB ends that.
///
/// Measured with the fast HTML reader alone on the 1,000-row benchmark page, 2,000 reads
/// (`READ_LOOP`-style loop in bench-watch, /usr/bin/time): 2.13 s user + 0.53 s system before,
/// 2.29 s user + 0.00 s system after; wall time 2.68 s → 2.30 s.
public enum AllocatorTuning {
    /// Blocks at least this large still come from mmap and go back to the kernel when freed.
    public static let mmapThreshold: Int32 = 4 << 20
    /// Free memory kept at the top of a heap before any goes back to the kernel.
    public static let trimThreshold: Int32 = 64 << 20

    /// Applies the settings to this process; false where the C library has no such settings (not glibc).
    /// Call once, early.
    @discardableResult
    public static func apply() -> Bool {
        // Setting either turns off glibc's own adjustment of both, so both are set.
        rc_malloc_keep_heap(mmapThreshold, trimThreshold) == 1
    }
}
