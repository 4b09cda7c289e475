// Helpers for reading evidence through a memory mapping and copying it with Linux AIO, used by
// Dossier's bag writer and validator.
//
// Why a mapping: hashing straight from the page cache saves copying every byte into a buffer with read().
// The catch: touching a mapped page past the end of a file that shrank meanwhile raises SIGBUS, which
// would kill the process. `rencai_guarded_update` and `rencai_guarded_copy` catch that signal for the
// bytes they touch (sigsetjmp/siglongjmp), and return -1 instead; any other SIGBUS goes to the handler
// that was installed before ours (the Swift runtime's crash reporter, or the default action).
#ifndef RENCAI_BAGIO_H
#define RENCAI_BAGIO_H
#include <openssl/evp.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/aio_abi.h>
#include <sys/syscall.h>
#endif

// State lives in function-local statics: Swift emits a header's inline functions into each object file
// that uses them but never its file-scope statics. Each such copy arms its own slot and installs its own
// handler (once), chained to the one before, so a fault is always routed to the copy that armed.
static inline sigjmp_buf **rencai_bus_slot(void) {
    static _Thread_local sigjmp_buf *slot;
    return &slot;
}

static inline struct sigaction *rencai_bus_previous(void) {
    static struct sigaction previous;
    return &previous;
}

static void rencai_bus_handler(int sig, siginfo_t *info, void *context) {
    sigjmp_buf *jump = *rencai_bus_slot();
    if (jump) {
        *rencai_bus_slot() = 0;
        siglongjmp(*jump, 1);
    }
    // Not a fault of ours: behave as if we were not here.
    struct sigaction *previous = rencai_bus_previous();
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) { previous->sa_sigaction(sig, info, context); return; }
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
        return;
    }
    // Default action: restore it and return, so the faulting access runs again and terminates as usual.
    signal(sig, SIG_DFL);
}

static void rencai_bus_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = rencai_bus_handler;
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, rencai_bus_previous());
}

static inline void rencai_bus_guard_install(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, rencai_bus_install);
}

/// Feeds `count` bytes at `bytes` to each of the `n` digest contexts; 0, or -1 when the bytes
/// could not be read (SIGBUS: the mapped file shrank). After -1 the contexts hold garbage.
static inline int rencai_guarded_update(EVP_MD_CTX *const *contexts, int n, const void *bytes, size_t count) {
    rencai_bus_guard_install();
    sigjmp_buf jump;
    if (sigsetjmp(jump, 1)) return -1;
    *rencai_bus_slot() = &jump;
    for (int i = 0; i < n; i++) EVP_DigestUpdate(contexts[i], bytes, count);
    *rencai_bus_slot() = 0;
    return 0;
}

/// Copies `count` bytes from a mapping; 0, or -1 on SIGBUS.
static inline int rencai_guarded_copy(void *to, const void *from, size_t count) {
    rencai_bus_guard_install();
    sigjmp_buf jump;
    if (sigsetjmp(jump, 1)) return -1;
    *rencai_bus_slot() = &jump;
    memcpy(to, from, count);
    *rencai_bus_slot() = 0;
    return 0;
}

#ifdef __linux__
/// Linux native AIO (no glibc wrappers exist): with O_DIRECT, writes are queued to the disk and the
/// caller goes on hashing; no helper thread, no wake-ups.
static inline int rencai_aio_setup(unsigned depth, uint64_t *context) {
    aio_context_t ctx = 0;
    if (syscall(SYS_io_setup, depth, &ctx) != 0) return -errno;
    *context = (uint64_t)ctx;
    return 0;
}

static inline int rencai_aio_destroy(uint64_t context) {
    return syscall(SYS_io_destroy, (aio_context_t)context) == 0 ? 0 : -errno;
}

/// Queues one pwrite; `tag` comes back with its completion. 0, or -errno.
static inline int rencai_aio_pwrite(uint64_t context, int fd, const void *bytes, size_t count, int64_t offset, uint64_t tag) {
    struct iocb cb;
    memset(&cb, 0, sizeof cb);
    cb.aio_data = tag;
    cb.aio_fildes = (uint32_t)fd;
    cb.aio_lio_opcode = IOCB_CMD_PWRITE;
    cb.aio_buf = (uint64_t)(uintptr_t)bytes;
    cb.aio_nbytes = count;
    cb.aio_offset = offset;
    struct iocb *list[1] = { &cb };
    for (;;) {
        long done = syscall(SYS_io_submit, (aio_context_t)context, 1, list);
        if (done == 1) return 0;
        if (done < 0 && errno == EINTR) continue;
        return done < 0 ? -errno : -EAGAIN;
    }
}

/// Waits for at least `min` completions (0: do not wait), at most `max`, but never longer than 50 ms:
/// the threads sharing a context re-check what is in flight between waits (another thread may have
/// reaped the write this one waits for). Fills `tags` and `results` (bytes written, or -errno).
/// Returns the number reaped (0 after a timeout), or -errno.
static inline int rencai_aio_reap(uint64_t context, long min, long max, uint64_t *tags, int64_t *results) {
    struct io_event events[64];
    if (max > 64) max = 64;
    for (;;) {
        struct timespec wait = { 0, 50 * 1000 * 1000 };
        long got = syscall(SYS_io_getevents, (aio_context_t)context, min, max, events, min > 0 ? &wait : (struct timespec *)0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        for (long i = 0; i < got; i++) { tags[i] = events[i].data; results[i] = events[i].res; }
        return (int)got;
    }
}
#endif
#endif
