import Foundation
import Yams

/// China's provincial-level divisions and the cities rencai knows, in Chinese and English, so that
/// `上海`, `上海市` and `Shanghai` are one place, stored in one canonical (English) form.
///
/// The data lives in `Templates/rules/regions.yaml`; a user can extend it with their own file.
public struct Gazetteer: Sendable {
    public struct Province: Codable, Sendable, Hashable {
        public let name: String
        public let zh: String
        public let aliases: [String]?
        public let cities: [City]?
    }

    public struct City: Codable, Sendable, Hashable {
        public let name: String
        public let zh: String
        public let aliases: [String]?
    }

    struct File: Codable { let provenance: Provenance?; let provinces: [Province] }

    public let provinces: [Province]
    private let provinceIndex: [String: Province]
    private let cityIndex: [String: (city: City, province: Province)]

    public init(provinces: [Province]) {
        self.provinces = provinces
        var p: [String: Province] = [:]
        var c: [String: (City, Province)] = [:]
        for province in provinces {
            for key in Gazetteer.keys(province.name, province.zh, province.aliases) { p[key] = province }
            for city in province.cities ?? [] {
                for key in Gazetteer.keys(city.name, city.zh, city.aliases) where c[key] == nil { c[key] = (city, province) }
            }
        }
        provinceIndex = p
        cityIndex = c.mapValues { (city: $0.0, province: $0.1) }
    }

    /// Loads `rules/regions.yaml` from the resources folder.
    public static func load(from url: URL) throws -> Gazetteer {
        Gazetteer(provinces: try RulesFile.decode(File.self, from: url, what: "regions").provinces)
    }

    public static func bundled(_ resources: ResourceLocator) throws -> Gazetteer {
        try load(from: resources.url("rules/regions.yaml"))
    }

    /// The form names are compared in: half-width, lower-case, without spaces and without suffixes such as
    /// 省, 市, 自治区, Province or City (`上海市` and `Shanghai City` both become their bare name).
    public static func key(_ text: String) -> String {
        var k = TextNormalizer.headerKey(text)
        for suffix in ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "province", "city", "municipality", "shi", "sheng"] where k.hasSuffix(suffix) && k.count > suffix.count {
            k.removeLast(suffix.count)
            break
        }
        return k
    }

    private static func keys(_ name: String, _ zh: String, _ aliases: [String]?) -> [String] {
        ([name, zh] + (aliases ?? [])).map(key)
    }

    /// The canonical province for a Chinese or English name; nil when unknown.
    public func province(named text: String) -> Province? {
        provinceIndex[Gazetteer.key(text)]
    }

    /// The canonical city (and its province) for a Chinese or English name; nil when unknown.
    public func city(named text: String) -> (city: City, province: Province)? {
        cityIndex[Gazetteer.key(text)]
    }

    /// Known names close to `text`, for "did you mean" messages.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        let k = Gazetteer.key(text)
        var names: [(String, Int)] = []
        for province in provinces {
            names.append((province.name, Gazetteer.distance(k, Gazetteer.key(province.name))))
            for city in province.cities ?? [] { names.append((city.name, Gazetteer.distance(k, Gazetteer.key(city.name)))) }
        }
        return names.filter { $0.1 <= max(2, k.count / 3) }.sorted { $0.1 < $1.1 }.prefix(limit).map(\.0)
    }

    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
