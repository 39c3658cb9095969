/// A group that emits spikes each step (neuron groups; later Poisson and generator groups).
public protocol SpikeSource: Group {
    /// Indices of the elements that spiked in the current step (valid for `spikeCount` entries).
    var spikes: UnsafeMutablePointer<Int> { get }
    var spikeCount: Int { get }
}

extension NeuronGroup: SpikeSource {}
