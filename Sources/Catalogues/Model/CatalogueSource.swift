import Foundation
import RencaiCore

/// One watched publication: a page or file on a provincial portal that carries a catalogue, as the
/// `sources:` section of `rencai.yaml` declares it. The province (and city) are canonical names from the
/// ``Gazetteer`` so that they join with the hires registry.
///
/// ```yaml
/// sources:
///   - id: sh-urgent-need
///     province: 上海
///     url: https://example.gov.cn/catalogue.html
///     kind: html_table
///     key_columns: [职业代码, occupation code]
///     interval: 6h
/// ```
///
/// ```swift
/// let sources = try CatalogueSource.load(from: config, gazetteer: gazetteer)
/// sources[0].province   // "Shanghai"
/// sources[0].interval   // 21600 seconds
/// ```
public struct CatalogueSource: Sendable, Hashable, Codable {
    /// What the URL serves.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An HTML page with the catalogue as a `<table>`.
        case htmlTable = "html_table"
        /// An Excel workbook (first sheet).
        case xlsx
        /// A CSV file (UTF-8 or GB18030).
        case csv
        /// A list of notices: follow the links whose text matches ``CatalogueSource/linkText``, then their
        /// table or attachment.
        case noticeList = "notice_list"
    }

    /// What a notice may lead to, in order of preference.
    public enum AttachmentKind: String, Sendable, Codable, CaseIterable {
        case xlsx, csv, html
    }

    /// Unique, stable name of the source (`sh-urgent-need`); revisions are stored under it.
    public let id: String
    /// Canonical (English) province name.
    public let province: String
    /// Canonical city name when the catalogue is a city's own; nil for a province-wide catalogue.
    public let city: String?
    public let url: URL
    public let kind: Kind
    /// Header spellings of the key column, tried in order; empty = detect from the headers.
    public let keyColumns: [String]
    /// Seconds between two fetches in `watch run` without `--once`.
    public let interval: TimeInterval
    /// For notice lists: a link is followed when its text contains one of these (case-insensitive).
    public let linkText: [String]
    /// For notice lists: which attachments to accept, in order of preference.
    public let attachment: [AttachmentKind]

    /// The interval when the config gives none.
    public static let defaultInterval: TimeInterval = 6 * 3600

    public init(id: String, province: String, city: String? = nil, url: URL, kind: Kind, keyColumns: [String] = [],
                interval: TimeInterval = CatalogueSource.defaultInterval, linkText: [String] = [],
                attachment: [AttachmentKind] = AttachmentKind.allCases) {
        self.id = id
        self.province = province
        self.city = city
        self.url = url
        self.kind = kind
        self.keyColumns = keyColumns
        self.interval = interval
        self.linkText = linkText
        self.attachment = attachment
    }

    /// The `sources:` entry as written in the file, before the province is resolved.
    struct Entry: Decodable {
        let id: String
        let province: String
        let city: String?
        let url: String
        let kind: String?
        let key_columns: StringOrList?
        let interval: String?
        let link_text: StringOrList?
        let attachment: StringOrList?
    }

    /// A YAML value written either as one string or as a list of strings.
    struct StringOrList: Decodable {
        let values: [String]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(String.self) { values = [one] } else { values = try c.decode([String].self) }
        }
    }

    /// Reads and validates the `sources:` section; an absent section is no sources. Errors name the
    /// source (by position and id) and the field.
    public static func load(from config: RencaiConfig, gazetteer: Gazetteer) throws -> [CatalogueSource] {
        guard let entries = try config.section("sources", as: [Entry].self) else { return [] }
        let file = config.url?.path ?? "config"
        var seen: Set<String> = []
        return try entries.enumerated().map { index, entry in
            let source = try resolve(entry, gazetteer: gazetteer, file: file, position: index + 1)
            guard seen.insert(source.id).inserted else {
                throw InputError("\(file): sources[\(index + 1)] id '\(source.id)' is used twice: give each source its own id", status: .config)
            }
            return source
        }
    }

    static func resolve(_ e: Entry, gazetteer: Gazetteer, file: String, position: Int) throws -> CatalogueSource {
        func fail(_ field: String, _ what: String) -> InputError {
            InputError("\(file): sources[\(position)] (\(e.id)) field '\(field)': \(what)", status: .config)
        }
        let id = e.id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail("id", "'\(e.id)' must be letters, digits, '-', '_' or '.' (e.g. sh-urgent-need)")
        }
        var province = gazetteer.province(named: e.province)
        if province == nil, let asCity = gazetteer.city(named: e.province), asCity.city.name == asCity.province.name {
            province = asCity.province
        }
        guard let province else {
            let hint = gazetteer.suggestions(for: e.province)
            throw fail("province", "'\(e.province)' is not a province of China\(hint.isEmpty ? "" : " (did you mean \(hint.joined(separator: ", "))?)")")
        }
        var city: String? = nil
        if let cityText = e.city?.trimmingCharacters(in: .whitespaces), !cityText.isEmpty {
            if let known = gazetteer.city(named: cityText) {
                guard known.province.name == province.name else {
                    throw fail("city", "\(known.city.name) is in \(known.province.name), not \(province.name)")
                }
                city = known.city.name
            } else {
                city = cityText
            }
        }
        guard let url = URL(string: e.url.trimmingCharacters(in: .whitespaces)),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw fail("url", "'\(e.url)' is not an http(s) URL")
        }
        let kind: Kind
        if let k = e.kind {
            guard let parsed = Kind(rawValue: k.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw fail("kind", "'\(k)' is not one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        } else {
            kind = .htmlTable
        }
        var interval = defaultInterval
        if let text = e.interval {
            guard let seconds = parseInterval(text) else {
                throw fail("interval", "'\(text)' is not a duration: write e.g. 30m, 6h or 1d (at least 1m)")
            }
            interval = seconds
        }
        var attachments: [AttachmentKind] = AttachmentKind.allCases
        if let list = e.attachment?.values {
            attachments = try list.map { raw in
                guard let a = AttachmentKind(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: ".", with: "")) else {
                    throw fail("attachment", "'\(raw)' is not one of xlsx, csv, html")
                }
                return a
            }
        }
        let linkText = e.link_text?.values.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? []
        if kind == .noticeList && linkText.isEmpty {
            throw fail("link_text", "a notice_list source needs link_text: the words a catalogue notice's link contains (e.g. [目录, catalogue])")
        }
        return CatalogueSource(id: id, province: province.name, city: city, url: url, kind: kind,
                               keyColumns: e.key_columns?.values ?? [], interval: interval, linkText: linkText,
                               attachment: attachments)
    }

    /// `90s`, `30m`, `6h`, `1d`, `1h30m`; nil when malformed or under one minute.
    public static func parseInterval(_ text: String) -> TimeInterval? {
        let t = TextNormalizer.halfWidth(text).lowercased().replacingOccurrences(of: " ", with: "")
        guard !t.isEmpty else { return nil }
        var total = 0.0
        var number = ""
        for ch in t {
            if ch.isASCII && ch.isNumber { number.append(ch); continue }
            guard let n = Double(number) else { return nil }
            switch ch {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86400
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, total >= 60 else { return nil }
        return total
    }
}
