"""A PoissonGroup whose rates are a code string depending on the neuron index, on time and on an
external name, re-evaluated every step: (10 + 0.5 i) Hz modulated by 1 + 0.8 sin(2 pi t / 50 ms),
100 neurons for 2 s."""
from brian2 import *

start_scope()

modulation_period = 50*ms
P = PoissonGroup(100, '(10 + 0.5*i)*Hz*(1 + 0.8*sin(2*pi*t/modulation_period))')
spikes = SpikeMonitor(P)
run(2*second)
