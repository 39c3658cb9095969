"""SpikeGeneratorGroup driving a neuron group: spike times between steps (emitted in the step
`timestep(t, dt)` gives), a repeating period, a second pathway with a delay, and new spikes set with `set_spikes` for a second run."""
from brian2 import *

inputs = SpikeGeneratorGroup(4, [0, 1, 2, 3, 0, 2], [0.26, 0.09, 0.3, 1.55, 2.0, 4.999999]*ms, period=6*ms)
target = NeuronGroup(3, 'dv/dt = -v/(5*ms) : 1', threshold='v > 0.5', reset='v = 0', method='exact')
S = Synapses(inputs, target, on_pre='v_post += 0.2 + 0.1*i')
S.connect(j='i % 3')
late = Synapses(inputs, target, on_pre='v_post += 0.15', delay=0.7*ms)
late.connect(i=[2, 3], j=2)
generated = SpikeMonitor(inputs)
fired = SpikeMonitor(target)
trace = StateMonitor(target, 'v', record=True)
run(14*ms)
inputs.set_spikes([3, 1, 1], [0.5, 0.2, 3.33]*ms + 14*ms)
run(6*ms)
