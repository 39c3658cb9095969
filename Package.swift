// swift-tools-version:6.0
import PackageDescription

// The engine is split by concern into folders of one target (RanvierEngine); the C API is a thin
// target of @_cdecl functions over it, built as the one dynamic library the Python extension links.
let package = Package(
    name: "Ranvier",
    products: [
        .library(name: "ranvier_engine", type: .dynamic, targets: ["RanvierCAPI"]),
        .library(name: "RanvierEngine", targets: ["RanvierEngine"]),
    ],
    targets: [
        .target(name: "RanvierEngine"),
        .target(name: "CRanvier"),
        .target(name: "RanvierCAPI", dependencies: ["RanvierEngine", "CRanvier"]),
        .testTarget(name: "RanvierEngineTests", dependencies: ["RanvierEngine"]),
        .testTarget(name: "RanvierCAPITests", dependencies: ["RanvierCAPI", "CRanvier", "RanvierEngine"]),
        // Property-based fuzzing of the parsers and the C API (Tests/Fuzz/README.md).
        .testTarget(name: "RanvierFuzzTests", dependencies: ["RanvierCAPI", "CRanvier", "RanvierEngine"]),
    ],
    swiftLanguageModes: [.v5]
)
