// swift-tools-version: 6.0
// rencai: occupation coding, category assessment, evidence dossiers, portal watching and
// assignment planning for foreign professionals working in China.
import PackageDescription

let package = Package(
    name: "rencai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rencai", targets: ["rencai"]),
        .library(name: "RencaiCore", targets: ["RencaiCore"]),
        .library(name: "RencaiStore", targets: ["Store"]),
        .library(name: "Occupations", targets: ["Occupations"]),
        .library(name: "Standards", targets: ["Standards"]),
        .library(name: "Portals", targets: ["Portals"]),
        .library(name: "Catalogues", targets: ["Catalogues"]),
        .library(name: "Watch", targets: ["Watch"]),
        .library(name: "Dossier", targets: ["Dossier"]),
        .library(name: "Assignments", targets: ["Assignments"]),
        .library(name: "SamplePortal", targets: ["SamplePortal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // System libraries. The variadic curl_easy_setopt/getinfo are wrapped in typed C shims.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // The bag writer's memory-mapped reads (with their SIGBUS guard) and Linux AIO: Dossier only.
        .systemLibrary(name: "CBagIO", path: "Sources/CBagIO", pkgConfig: "libcrypto"),
        // Zstandard: stored pages and rows.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // glibc's mallopt (AllocatorTuning).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Foundation: shared value types, codes, regions, tabular input, resources, errors.
        .target(name: "RencaiCore", dependencies: [
            "CMalloc",
            .product(name: "Yams", package: "Yams"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Store", dependencies: [
            "RencaiCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // Features.
        .target(name: "Occupations", dependencies: ["RencaiCore", "Store",
            .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Standards", dependencies: ["RencaiCore",
            .product(name: "Yams", package: "Yams")]),
        .target(name: "Portals", dependencies: ["CCurl", "COpenSSL", "RencaiCore",
            .product(name: "Logging", package: "swift-log")]),
        .target(name: "SamplePortal", dependencies: ["RencaiCore"]),
        .target(name: "Catalogues", dependencies: ["CLibXML2", "CDeflate", "CZstd", "RencaiCore", "Store", "Portals",
            .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Watch", dependencies: ["CCurl", "COpenSSL", "RencaiCore", "Store", "Portals", "Catalogues",
            "Standards", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log")]),
        .target(name: "Dossier", dependencies: ["COpenSSL", "CBagIO", "RencaiCore", "Standards",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Yams", package: "Yams")]),
        .target(name: "Assignments", dependencies: ["RencaiCore", "Store", "Standards",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Yams", package: "Yams")]),

        // The command-line tool: thin commands over the libraries.
        .executableTarget(name: "rencai", dependencies: [
            "RencaiCore", "Store", "Occupations", "Standards", "Portals", "SamplePortal", "Catalogues",
            "Watch", "Dossier", "Assignments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Benchmarks: executables that print figures (never timed unit tests).
        .executableTarget(name: "bench-classify", dependencies: ["Occupations", "RencaiCore"],
                          path: "Sources/Benchmarks/Classify", exclude: ["reference"]),
        .executableTarget(name: "bench-bagit", dependencies: ["Dossier", "RencaiCore"],
                          path: "Sources/Benchmarks/BagIt"),
        .executableTarget(name: "bench-watch", dependencies: ["Watch", "Catalogues", "Portals", "SamplePortal", "Store", "RencaiCore"],
                          path: "Sources/Benchmarks/Watch"),

        // Tests: one target per library, plus end-to-end tests of the built CLI.
        .testTarget(name: "RencaiCoreTests", dependencies: ["RencaiCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "RencaiCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "OccupationsTests", dependencies: ["Occupations", "Store", "RencaiCore"]),
        .testTarget(name: "StandardsTests", dependencies: ["Standards", "RencaiCore"]),
        .testTarget(name: "PortalsTests", dependencies: ["Portals", "SamplePortal", "RencaiCore"]),
        .testTarget(name: "CataloguesTests", dependencies: ["Catalogues", "CLibXML2", "Portals", "SamplePortal", "Store", "RencaiCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "WatchTests", dependencies: ["Watch", "Catalogues", "Portals", "SamplePortal", "Store", "Standards", "Assignments", "RencaiCore"]),
        .testTarget(name: "DossierTests", dependencies: ["Dossier", "Standards", "RencaiCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "AssignmentsTests", dependencies: ["Assignments", "Store", "Standards", "RencaiCore"]),
        .testTarget(name: "RencaiCLITests", dependencies: ["RencaiCore", "SamplePortal"]),
    ],
    swiftLanguageModes: [.v6]
)
