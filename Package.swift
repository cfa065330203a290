// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Quay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "quayd", targets: ["quayd"]),
        .executable(name: "quayctl", targets: ["quayctl"]),
        .executable(name: "quay-bench", targets: ["QuayBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C shims: system libraries through pkg-config.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CUdev", path: "Sources/CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "CLibUSB", path: "Sources/CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // ioctl numbers and struct ucred from the system headers (compile-time, for QuaySystem only).
        .target(name: "CQuaySys", path: "Sources/CQuaySys"),
        // Thin syscall layer: typed errno errors, EINTR retry, poll, termios, unix sockets.
        .target(name: "QuaySystem", dependencies: ["CQuaySys"]),
        // Pure domain: no I/O.
        .target(name: "QuayCore"),
        // Durable store over system SQLite.
        .target(name: "QuayStore", dependencies: ["CSQLite", "QuayCore", "QuaySystem"]),
        // Device drivers, transports, discovery.
        .target(name: "QuayDevices", dependencies: [
            "QuaySystem", "CUdev", "CLibUSB", "CPangoCairo", "CQREncode", "CZlib",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Voice announcements: engines (espeak-ng, clip sets, a command), render cache, zone queues, ALSA playback.
        .target(name: "QuayVoice", dependencies: [
            "QuayCore", "QuaySystem",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Control protocol: wire types, NDJSON framing, socket server.
        .target(name: "QuayControl", dependencies: [
            "QuayCore", "QuaySystem",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Reports rendered for people: CSV, XLSX (libxlsxwriter), charts and the monthly PDF (Cairo/Pango).
        .target(name: "QuayReports", dependencies: ["QuayCore", "CPangoCairo", "CXLSXWriter"]),
        // Province roll-up (#16): the feeds of many centers ingested into PostgreSQL, reports across centers.
        .target(name: "QuayProvince", dependencies: [
            "QuayCore", "QuayReports",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Web faces: hall display (static page + WebSocket feed), kiosk screen, phone page, clerk console, rating
        // screen. Pages act through the control protocol's op table (a `WebGateway` the daemon implements).
        .target(name: "QuayWeb", dependencies: [
            "QuayControl",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Public")]),
        // Point/center sync (#16, docs/sync.md): Ed25519 keys and signatures, nonces, the Hummingbird routes and the
        // async-http-client client. Knows the feed only through the `SyncFeed` protocol the daemon implements.
        .target(name: "QuaySync", dependencies: [
            "QuayCore", "QuaySystem",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Wiring: config, services, lifecycle.
        .target(name: "QuayDaemon", dependencies: [
            "QuayCore", "QuayStore", "QuayControl", "QuayDevices", "QuayWeb", "QuaySystem", "QuayReports", "QuayVoice", "QuaySync",
            "QuayProvince",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "quayd", dependencies: [
            "QuayDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "quayctl", dependencies: [
            "QuayControl", "QuayCore", "QuayReports", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Technician tool and umockdev test harness: device enumeration + hotplug as JSON lines.
        .executableTarget(name: "quay-devwatch", dependencies: ["QuayDevices", "QuaySystem"]),
        // Benchmark code (printer bytes per ticket, board call -> wire latency): for quay-bench and its tests only.
        .target(name: "QuayBenchKit", dependencies: ["QuayDevices", "QuaySystem"], path: "Benchmarks/QuayBenchKit"),
        .executableTarget(name: "QuayBench",
                          dependencies: [
                              "QuayBenchKit", "QuayControl", "QuaySystem", "QuayStore", "QuayCore", "CSQLite", "QuayReportFixture",
                              "QuayProvince", "QuayProvinceFixture",
                          ],
                          path: "Benchmarks/QuayBench"),

        // A generated month or year of a busy center written into a quayd database (report tests and make bench).
        .target(name: "QuayReportFixture", dependencies: ["QuayStore", "QuayCore"], path: "Tests/Support/QuayReportFixture"),
        // A real PostgreSQL cluster in a temporary directory and a simulated province's feeds (tests and make bench).
        .target(
            name: "QuayProvinceFixture", dependencies: ["QuayProvince", "QuayCore", "QuaySystem"],
            path: "Tests/Support/QuayProvinceFixture"),

        .testTarget(name: "QuayCoreTests", dependencies: ["QuayCore"]),
        .testTarget(name: "QuaySystemTests", dependencies: ["QuaySystem", "CQuaySys"]),
        .testTarget(name: "QuayStoreTests", dependencies: ["QuayStore", "QuayCore", "CSQLite", "QuayReportFixture"]),
        .testTarget(name: "QuayDevicesTests", dependencies: ["QuayDevices", "QuaySystem", "CPangoCairo"]),
        .testTarget(name: "QuayWebTests", dependencies: ["QuayWeb"]),
        .testTarget(name: "QuayReportsTests", dependencies: ["QuayReports", "QuayCore", "QuayStore", "QuayReportFixture", "CPangoCairo"]),
        .testTarget(name: "QuayVoiceTests", dependencies: ["QuayVoice", "QuayCore"]),
        .testTarget(name: "QuayBenchKitTests", dependencies: ["QuayBenchKit"]),
        .testTarget(name: "QuayControlTests", dependencies: ["QuayControl", "QuayCore", .product(name: "Logging", package: "swift-log"),
                                                     .product(name: "NIOTestUtils", package: "swift-nio")]),
        .testTarget(name: "QuaySyncTests", dependencies: ["QuaySync", "QuayCore", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "QuayDaemonTests", dependencies: [
            "QuayDaemon", "QuaySync", "QuayControl", "QuaySystem", "QuayCore", "QuayReportFixture", "QuayProvince",
            "QuayProvinceFixture",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(
            name: "QuayProvinceTests",
            dependencies: ["QuayProvince", "QuayCore", "QuayReports", "QuayProvinceFixture", "QuayReportFixture"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer target of the configuration reader (docs/fuzzing.md). Only scripts/fuzz.sh declares it (QUAY_FUZZ_CONFIG=1),
// building in its own scratch path with address sanitizer and libFuzzer coverage; the normal build never sees it.
if Context.environment["QUAY_FUZZ_CONFIG"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "quay-fuzz-config", dependencies: ["QuayDaemon"], path: "Fuzz",
            sources: ["ConfigLoader/main.swift", "Common/FuzzTiming.swift"]))
    package.products.append(.executable(name: "quay-fuzz-config", targets: ["quay-fuzz-config"]))
}
