"""PopulationRateMonitor on a group and on a subgroup: the rate of every step (spikes / (N dt)),
recorded at the end of the step, and its flat and Gaussian smoothings (computed by the oracle
harness). Neurons driven towards different fixed points fire at different regular rates."""
from brian2 import *

G = NeuronGroup(50, '''dv/dt = (v0 - v)/(10*ms) : 1 (unless refractory)
                       v0 : 1''', threshold='v > 1', reset='v = 0', refractory=2*ms, method='exact')
G.v0 = '1.05 + i*0.04'
G.v = 'i*0.013'
rate_all = PopulationRateMonitor(G)
rate_part = PopulationRateMonitor(G[10:30])
spikes = SpikeMonitor(G)
run(60*ms)
