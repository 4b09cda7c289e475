import Foundation
import RencaiCore

/// One entry of the National Occupational Classification: a group (major, medium, minor) or an occupation.
///
/// ```swift
/// let o = Occupation(code: OccupationCode("2-02-10-03")!, titleZH: "计算机软件工程技术人员",
///                    titleEN: "Software engineering technicians", markers: [.digital])
/// o.level          // .occupation
/// o.parentCode     // 2-02-10
/// ```
public struct Occupation: Sendable, Hashable, Codable {
    /// Digital (S, 数字职业) and green (L, 绿色职业) markers of the 2022 edition.
    public enum Marker: String, Sendable, Hashable, Codable, CaseIterable {
        case digital = "S"
        case green = "L"
    }

    public var edition: String
    public var code: OccupationCode
    public var titleZH: String
    public var titleEN: String?
    public var markers: Set<Marker>
    /// Search terms (Chinese or English) written for this entry; used by the classifier.
    public var keywords: [String]
    /// Alternative names from the user's classification file (for example job-board aliases).
    public var aliases: [String]
    public var description: String?

    public init(edition: String = OccupationCode.defaultEdition, code: OccupationCode, titleZH: String,
                titleEN: String? = nil, markers: Set<Marker> = [], keywords: [String] = [],
                aliases: [String] = [], description: String? = nil) {
        self.edition = edition
        self.code = code
        self.titleZH = titleZH
        self.titleEN = titleEN
        self.markers = markers
        self.keywords = keywords
        self.aliases = aliases
        self.description = description
    }

    /// The level of the code; an `X-XX-XX-00` entry (a minor group without subdivisions) is an occupation.
    public var level: OccupationCode.Level { code.level }

    /// The enclosing group (`2-02-10` for `2-02-10-03`, and also for `2-02-10-00`'s minor group parent).
    public var parentCode: OccupationCode? { code.parent }

    /// The title with its markers, as the classification prints it (`计算机软件工程技术人员S`).
    public var displayTitle: String {
        titleZH + markers.map(\.rawValue).sorted(by: >).joined()
    }

    /// Splits trailing marker letters off an official title: `"物流服务师L"` → (`"物流服务师"`, [.green]);
    /// `"大地测量工程技术人员L/S"` carries both. Latin titles are left alone.
    public static func splitMarkers(_ raw: String) -> (title: String, markers: Set<Marker>) {
        var scalars = Array(FastText.cell(raw).unicodeScalars)
        var markers: Set<Marker> = []
        while let last = scalars.last, scalars.count > 1 {
            if last == "/" { scalars.removeLast(); continue }
            guard let m = Marker(rawValue: String(last)) else { break }
            // Only a marker when it follows a Chinese character or another marker, not inside a Latin word.
            let before = scalars[scalars.count - 2]
            guard before.properties.isIdeographic || before == "/" || Marker(rawValue: String(before)) != nil else { break }
            markers.insert(m)
            scalars.removeLast()
        }
        var title = ""
        title.unicodeScalars.append(contentsOf: scalars)
        return (title, markers)
    }
}
