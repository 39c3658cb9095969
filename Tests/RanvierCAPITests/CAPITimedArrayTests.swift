import CRanvier
import XCTest
@testable import RanvierCAPI
@testable import RanvierEngine

/// `rv_namespace_set_timed_array`: tables reach code as `ta(t)` / `ta(t, i)`, and malformed tables
/// are refused with a status and a message instead of trapping.
final class CAPITimedArrayTests: CAPITestCase {
    private let dimensionless = [Double](repeating: 0, count: 7)
    private let volt = exponents(Dimension(m: 2, kg: 1, s: -3, A: -1))

    func testATwoDimensionalTableGivesEachElementItsColumnDuringARun() throws {
        // Rows are times 0.1 ms apart, columns neurons: x accumulates ta(t, i) over three steps
        // (rows 0, 1, 2), then holds the last row.
        let group = try makeGroup(3, model: "dx/dt = ta(t, i)/dt : 1", method: "euler")
        let ns = try makeNamespace()
        let values: [Double] = [1, 2, 3, 10, 20, 30, 100, 200, 300]
        XCTAssertEqual(rv_namespace_set_timed_array(ns, "ta", values, 3, 3, 1e-4, dimensionless), RV_OK, lastError())
        let network = try makeNetwork()
        XCTAssertEqual(run(network, [group], duration: 4e-4, ns: ns), RV_OK, lastError())
        XCTAssertEqual(evaluate(group, "x", n: 3, ns: ns), [211, 422, 633])
    }

    func testAOneDimensionalTableCarriesItsUnitIntoCode() throws {
        let group = try makeGroup(2, model: "v : volt")
        let ns = try makeNamespace()
        XCTAssertEqual(rv_namespace_set_timed_array(ns, "ta", [-0.07, -0.05], 2, 0, 1e-3, volt), RV_OK, lastError())
        XCTAssertEqual(rv_group_execute(group, "v = ta(t)", nil, -1, ns), RV_OK, lastError())
        XCTAssertEqual(evaluate(group, "v", n: 2, ns: ns), [-0.07, -0.07])
        // The same name as a number replaces the table: calling it is now a type error.
        XCTAssertEqual(rv_namespace_set(ns, "ta", 1, dimensionless), RV_OK)
        assertStatus(rv_group_execute(group, "v = ta(t)", nil, -1, ns), RV_ERR_TYPE, mentions: ["'ta' is not a function"])
    }

    func testCallsWithTheWrongArgumentsFailWithBrian2sErrorClasses() throws {
        let group = try makeGroup(2, model: "v : volt")
        let ns = try makeNamespace()
        XCTAssertEqual(rv_namespace_set_timed_array(ns, "ta", [-0.07, -0.05], 2, 0, 1e-3, volt), RV_OK, lastError())
        assertStatus(rv_group_execute(group, "v = ta(t, i)", nil, -1, ns), RV_ERR_VALUE, mentions: ["'ta'", "needs 1"])
        assertStatus(rv_group_execute(group, "v = ta(1)", nil, -1, ns), RV_ERR_DIMENSION, mentions: ["Argument number 1", "ta"])
        assertStatus(rv_group_execute(group, "v = ta", nil, -1, ns), RV_ERR_VALUE, mentions: ["'ta'", "function"])
    }

    func testMalformedTablesAreRefusedWithoutTrapping() throws {
        let ns = try makeNamespace()
        let group = try makeGroup()
        let one = [1.0]
        let cases: [(call: () -> rv_status, status: rv_status, fragments: [String])] = [
            ({ rv_namespace_set_timed_array(nil, "ta", one, 1, 0, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "namespace is NULL"]),
            ({ rv_namespace_set_timed_array(ns, nil, one, 1, 0, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "name is NULL"]),
            ({ rv_namespace_set_timed_array(ns, "ta", nil, 1, 0, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "values array is NULL"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, 1, 0, 1e-4, nil) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "dimensions array is NULL"]),
            ({ rv_namespace_set_timed_array(group, "ta", one, 1, 0, 1e-4, self.dimensionless) }, RV_ERR_TYPE, ["rv_namespace_set_timed_array", "not a namespace"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, 0, 0, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "rows"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, 1, -1, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "columns"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, Int64.max, 2, 1e-4, self.dimensionless) }, RV_ERR_VALUE, ["rv_namespace_set_timed_array", "rows"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, 1, 0, 0, self.dimensionless) }, RV_ERR_VALUE, ["dt", "positive"]),
            ({ rv_namespace_set_timed_array(ns, "ta", one, 1, 0, .nan, self.dimensionless) }, RV_ERR_VALUE, ["dt", "positive"]),
        ]
        for testCase in cases { assertStatus(testCase.call(), testCase.status, mentions: testCase.fragments) }
        // Nothing was stored under the name.
        XCTAssertNil(Unmanaged<Namespace>.fromOpaque(ns).takeUnretainedValue().lookup("ta"))
    }
}
