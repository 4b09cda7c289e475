/// A read-only hash table from 64-bit keys to values (open addressing, linear probing, multiplicative
/// hashing), built once from a dictionary. The classifier looks up several dozen integer keys per title;
/// this avoids the seeded SipHash of `Dictionary`, which dominated the profile.
struct IntTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let mask: Int
    private let shift: UInt64
    /// Number of keys.
    let count: Int
    /// Marks an empty slot; a real key equal to it is stored as `empty - 1` (a harmless merge of two hashes).
    private static var empty: UInt64 { .max }

    init(_ dictionary: [UInt64: Value]) {
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < dictionary.count * 2 { capacity <<= 1; bits += 1 }
        var keys = [UInt64](repeating: Self.empty, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        let mask = capacity - 1
        let shift = 64 - bits
        for (rawKey, value) in dictionary {
            let key = rawKey == Self.empty ? rawKey - 1 : rawKey
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
            while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
            keys[i] = key
            values[i] = value
        }
        self.keys = keys
        self.values = values
        self.mask = mask
        self.shift = shift
        self.count = dictionary.count
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always) subscript(rawKey: UInt64) -> Value? {
        let key = rawKey == Self.empty ? rawKey - 1 : rawKey
        return keys.withUnsafeBufferPointer { k in
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
            while true {
                let found = k[i]
                if found == key { return values[i] }
                if found == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }
}
