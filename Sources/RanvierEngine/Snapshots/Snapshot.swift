/// A snapshot of a network, as Brian2's `store()` takes it: the network's time, the random number
/// generator's state and the state of every object, under the object's name. `restore()` puts the
/// objects of the same names back (the random state only on request), so a run from there repeats
/// the run that followed the snapshot.
public final class Snapshot {
    /// The network's time (see `Network.clockState()`).
    public let clock: ObjectState
    /// The generator's state words (see `RandomSource.stateWords`), as the array "state".
    public let random: ObjectState
    /// Each object's state, in the order given.
    public let objects: [(name: String, state: ObjectState)]

    init(clock: ObjectState, random: ObjectState, objects: [(name: String, state: ObjectState)]) {
        self.clock = clock
        self.random = random
        self.objects = objects
    }

    /// Total bytes of the stored arrays.
    public var byteCount: Int { objects.reduce(clock.byteCount + random.byteCount) { $0 + $1.state.byteCount } }

    /// Brian2's hint, appended to errors about objects whose names do not match.
    fileprivate static let nameHint = "Note that the names of all objects have to be identical to the names when they were stored."
}

extension Network {
    /// A snapshot of this network's time, the random generator and `objects` (names must be unique).
    public func takeSnapshot(of objects: [(name: String, object: Snapshotting)]) throws -> Snapshot {
        try Network.requireUniqueNames(objects.map(\.name))
        let random = ObjectState()
        random.set("state", StateArray(GlobalRandom.source.stateWords))
        return Snapshot(clock: clockState(), random: random,
                        objects: objects.map { ($0.name, $0.object.snapshotState()) })
    }

    /// Restores `snapshot` into `objects`, matched by name: every object needs a stored state and
    /// every stored state an object (Brian2's `KeyError`s). Everything is checked before anything
    /// changes. The random generator is restored only if `restoringRandomState`.
    public func restore(_ snapshot: Snapshot, into objects: [(name: String, object: Snapshotting)],
                        restoringRandomState: Bool) throws {
        try Network.requireUniqueNames(objects.map(\.name))
        let stored = Dictionary(snapshot.objects.map { ($0.name, $0.state) }, uniquingKeysWith: { first, _ in first })
        var steps = [try clockRestoration(from: snapshot.clock)]
        for (name, object) in objects {
            guard let state = stored[name] else {
                throw RanvierError(.unknownIdentifier, "Stored state does not have a stored state for '\(name)'. \(Snapshot.nameHint)")
            }
            do { steps.append(try object.restoration(from: state)) } catch var error as RanvierError {
                error.message = "Cannot restore '\(name)': \(error.message)"
                throw error
            }
        }
        let present = Set(objects.map(\.name))
        let unused = snapshot.objects.map(\.name).filter { !present.contains($0) }
        if !unused.isEmpty {
            throw RanvierError(.unknownIdentifier, "The stored state contains the state of the following objects which were not present in the network: \(unused.joined(separator: ", ")). \(Snapshot.nameHint)")
        }
        if restoringRandomState {
            let words = try snapshot.random.array("state", as: UInt64.self, of: "the random number generator").values(UInt64.self)
            guard let source = RandomSource(stateWords: words) else {
                throw RanvierError(.value, "The stored state of the random number generator is malformed")
            }
            steps.append { GlobalRandom.source = source }
        }
        for step in steps { step() }
        // Code run between runs (initialisation strings using t) sees the restored time.
        for (_, object) in objects { (object as? Group)?.finishRun(time: t, dt: dt) }
    }

    private static func requireUniqueNames(_ names: [String]) throws {
        var seen = Set<String>()
        if let repeated = names.first(where: { !seen.insert($0).inserted }) {
            throw RanvierError(.value, "All objects of a snapshot need unique names; '\(repeated)' is used more than once")
        }
    }
}
