// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "thidua",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thidua", targets: ["thidua"]),
        .library(name: "ThiDuaCore", targets: ["ThiDuaCore"]),
        .library(name: "App", targets: ["App"]),
        // Documents (issue 15).
        .library(name: "ThiDuaDocuments", targets: ["ThiDuaDocuments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        // Tests only: reads openapi.yaml to check every API answer against it.
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        // Documents (issue 15): DOCX and XLSX are ZIP packages.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "ThiDuaCore"),
        .target(
            name: "App",
            dependencies: [
                "ThiDuaCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                "ThiDuaDocuments",
            ]
        ),
        .executableTarget(name: "thidua", dependencies: ["App"]),
        .executableTarget(name: "thidua-bench", dependencies: ["ThiDuaCore"], path: "bench",
                          exclude: ["ranking-page.sh", "pages.sh", "ballots.py", "reports.py", "databases.sh"]),
        .testTarget(name: "ThiDuaCoreTests", dependencies: ["ThiDuaCore"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Yams", package: "Yams"),
                "ThiDuaDocuments",
            ],
            // Page snapshots (issue 16 part 8): read by the tests from the source tree, not resources.
            exclude: ["__Snapshots__"]
        ),
        // Documents (issue 15): DOCX and XLSX writers and the XLSX reader.
        .target(name: "ThiDuaDocuments", dependencies: ["ThiDuaCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ThiDuaDocumentsTests", dependencies: ["ThiDuaDocuments"]),
    ]
)
