/// Three-valued (Kleene) logic: a condition is true, false, or unknown because a fact is missing.
enum Tri: Sendable, Equatable {
    case yes, no, unknown

    init(_ value: Bool?) {
        switch value {
        case .some(true): self = .yes
        case .some(false): self = .no
        case .none: self = .unknown
        }
    }

    static func && (l: Tri, r: Tri) -> Tri {
        if l == .no || r == .no { return .no }
        if l == .unknown || r == .unknown { return .unknown }
        return .yes
    }

    static func || (l: Tri, r: Tri) -> Tri {
        if l == .yes || r == .yes { return .yes }
        if l == .unknown || r == .unknown { return .unknown }
        return .no
    }

    var status: RouteStatus {
        switch self {
        case .yes: return .met
        case .no: return .notMet
        case .unknown: return .unknown
        }
    }
}
