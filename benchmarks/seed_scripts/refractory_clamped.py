"""Seed notes, "Refractoriness": one neuron with `(unless refractory)` and a 5 ms refractory period.

The notes show only the group; tau, the monitors, the run and the plot complete it into a script.
Everything below the plotting marker is dropped for the no-plot timings.
"""
from brian2 import *

start_scope()

tau = 10*ms
eqs = '''
dv/dt = (1-v)/tau : 1 (unless refractory)
'''

G = NeuronGroup(1, eqs, threshold='v>0.8', reset='v = 0', refractory=5*ms, method='exact')
statemon = StateMonitor(G, 'v', record=True)
spikemon = SpikeMonitor(G)

run(50*ms)

# --- plotting ---
plot(statemon.t/ms, statemon.v[0], label='v')
plot(spikemon.t/ms, [0.8]*len(spikemon.t), 'rv', label='spikes')
xlabel('Time (ms)')
ylabel('v')
legend();
