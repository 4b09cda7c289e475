import Testing
import RencaiCore

@Suite("Allocator tuning")
struct AllocatorTuningTests {
    @Test("glibc takes both settings (the rencai command applies them at start)")
    func applies() {
        #if os(Linux)
        #expect(AllocatorTuning.apply())
        #endif
    }
}
