import XCTest
@testable import RanvierEngine

/// `integer` variables are stored as int32, as in Brian2: every write truncates toward zero, and
/// values no int32 can hold become `Int32.min` instead of trapping.
final class IntegerStorageTests: XCTestCase {
    func testIntegerVariablesAreStoredInFourByteIntegers() throws {
        let group = try NeuronGroup(size: 2, model: "count : integer\nv : 1", floatType: .float32)
        XCTAssertEqual(group.variables["count"]!.storage!.elementType, .int32)
        XCTAssertEqual(group.variables["v"]!.storage!.elementType, .float32)
    }

    func testCodeWritesTruncateTowardZero() throws {
        let group = try NeuronGroup(size: 5, model: "level : integer")
        try group.execute("level = 1.5*i - 2.2", indices: nil, namespace: Namespace())
        XCTAssertEqual(group.variables["level"]!.storage!.allValues, [-2, 0, 0, 2, 3])
        try group.execute("level = level/2", indices: nil, namespace: Namespace())
        XCTAssertEqual(group.variables["level"]!.storage!.allValues, [-1, 0, 0, 1, 1])
    }

    func testValuesOutsideInt32BecomeTheSmallestInt32WithoutTrapping() {
        for value in [Double.nan, .infinity, -.infinity, 2147483648, -2147483649, 1e300] {
            XCTAssertEqual(Int32(storing: value), .min, "\(value)")
        }
        XCTAssertEqual(Int32(storing: 2147483647.9), .max)
        XCTAssertEqual(Int32(storing: -2147483648.9), .min)
        XCTAssertEqual(Int32(storing: -0.9), 0)
    }

    func testDifferentialEquationsCannotDefineIntegersOrBooleans() {
        for unit in ["integer", "boolean"] {
            XCTAssertThrowsError(try NeuronGroup(size: 1, model: "dx/dt = 1/second : \(unit)")) { error in
                XCTAssertEqual((error as? RanvierError)?.kind, .type)
                XCTAssertTrue("\(error)".contains("floating point"), "\(error)")
            }
        }
    }
}
