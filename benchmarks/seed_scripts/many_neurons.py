"""Seed notes, "Many neurons": 100 neurons starting from uniform random v, raster plot of their spikes.

Everything below the plotting marker is dropped for the no-plot timings.
"""
from brian2 import *

start_scope()

N = 100
tau = 10*ms
eqs = '''
dv/dt = (2-v)/tau : 1
'''

G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', method='exact')
G.v = 'rand()'

spikemon = SpikeMonitor(G)

run(50*ms)

# --- plotting ---
plot(spikemon.t/ms, spikemon.i, '.k')
xlabel('Time (ms)')
ylabel('Neuron index');
