import Glibc
import XCTest

// Runs fuzz inputs one by one: the input being run is kept where a signal handler can print it, so a
// trap (SIGILL/SIGTRAP), a bad access or an abort names its reproducer before the process dies; an
// input that takes longer than the time limit fails the test as a hang.

/// The input being run, as NUL-terminated bytes, for the crash handler (which may not allocate).
nonisolated(unsafe) private var currentInput: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var currentTarget: UnsafeMutablePointer<CChar>?

private func writeToStderr(_ text: UnsafePointer<CChar>) {
    _ = write(2, text, strlen(text))
}

/// Prints the current input and lets the signal end the process as it would have.
private let crashHandler: @convention(c) (Int32) -> Void = { signalNumber in
    writeToStderr("\n*** fuzz: signal during target '")
    if let target = currentTarget { writeToStderr(target) }
    writeToStderr("' on this input (between the markers):\n<<<\n")
    if let input = currentInput { writeToStderr(input) }
    writeToStderr("\n>>>\n")
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}

/// Replaces the input the crash handler prints with a fuller description (every argument of a call).
func noteFuzzInput(_ description: String) {
    free(currentInput)
    currentInput = strdup(description)
}

/// Monotonic wall seconds.
func fuzzNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Counts and timings of one fuzz test, printed at its end (the long run's record reads them).
struct FuzzReport {
    let target: String
    var inputs = 0
    var accepted = 0
    var slowest = 0.0
    var slowestInput = ""
    let start = fuzzNow()

    var summary: String {
        let elapsed = fuzzNow() - start
        let slow = slowestInput.prefix(120).replacingOccurrences(of: "\n", with: "\\n")
        return "fuzz \(target): \(inputs) inputs, \(accepted) accepted, \(String(format: elapsed)) s, slowest \(String(format: slowest)) s (\(slow))"
    }
}

private extension String {
    init(format value: Double) { self = String(Double(Int(value * 1000)) / 1000) }
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Runs `body` on each input, under the crash handler and the per-input time limit.
/// `body` returns whether the input was accepted (parsed, or created an object).
@discardableResult
func fuzz(_ target: String, inputs: Int, _ next: () -> String, file: StaticString = #filePath, line: UInt = #line,
          _ body: (String) -> Bool) -> FuzzReport {
    for signalNumber in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { signal(signalNumber, crashHandler) }
    free(currentTarget)
    currentTarget = strdup(target)
    var report = FuzzReport(target: target)
    let limit = FuzzSettings.timeLimit
    for _ in 0..<inputs {
        let input = next()
        free(currentInput)
        currentInput = strdup(input)
        let start = fuzzNow()
        if body(input) { report.accepted += 1 }
        let elapsed = fuzzNow() - start
        report.inputs += 1
        if elapsed > report.slowest { report.slowest = elapsed; report.slowestInput = input }
        if elapsed > limit {
            XCTFail("fuzz \(target): input took \(elapsed) s (limit \(limit) s): \(input.debugDescription)", file: file, line: line)
        }
    }
    print(report.summary)
    return report
}
