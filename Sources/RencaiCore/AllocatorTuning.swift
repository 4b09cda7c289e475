import CMalloc

/// glibc malloc settings for rencai's own processes. By default glibc serves blocks over 128 KiB (and,
/// as it adapts, somewhat larger) straight from mmap and hands freed memory at the top of its heaps back
/// to the kernel; a watch round allocates and frees blocks of that size for every page (the body, its
/// text, the parsed cells, the compressor's state), so each page paid for fresh zeroed pages and their faults
/// again. Keeping blocks up to 4 MiB on the heap and not trimming below 16 MiB of free heap top ends that
/// (16 MiB, not more: `rencai watch run` runs for days, and each arena may keep that much).
///
/// Measured with `/usr/bin/time bench-watch --stages`, whose stages read, build and record the 1,000-row
/// benchmark page hundreds of times, against the same with `--default-malloc` (two runs each, one shared
/// machine): 3.63 and 3.54 s user + 0.29 and 0.14 s system with glibc's defaults; 3.23 and 3.26 s user +
/// 0.07 and 0.06 s system with these settings.
public enum AllocatorTuning {
    /// Blocks at least this large still come from mmap and go back to the kernel when freed.
    public static let mmapThreshold: Int32 = 4 << 20
    /// Free memory kept at the top of a heap before any goes back to the kernel.
    public static let trimThreshold: Int32 = 16 << 20

    /// Applies the settings to this process; false where the C library has no such settings (not glibc).
    /// Call once, early.
    @discardableResult
    public static func apply() -> Bool {
        // Setting either turns off glibc's own adjustment of both, so both are set.
        rc_malloc_keep_heap(mmapThreshold, trimThreshold) == 1
    }
}
