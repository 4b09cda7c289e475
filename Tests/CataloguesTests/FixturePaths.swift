import Foundation

/// The catalogue fixtures in the checkout (Fixtures/portals/catalogues), found from this file's path.
enum FixturePaths {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let portals = checkout.appendingPathComponent("Fixtures/portals")
    static let catalogues = portals.appendingPathComponent("catalogues")

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: catalogues.appendingPathComponent(relative))
    }
}
