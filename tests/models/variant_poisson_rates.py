"""PoissonGroups with rates given as quantities: one rate per neuron (2 to 200 Hz, the last ten set to
0 Hz after creation through P.rates) and one rate for all (40 Hz), simulated for 2 s."""
from brian2 import *

start_scope()

P = PoissonGroup(100, linspace(2, 200, 100)*Hz)
P.rates[90:] = 0*Hz
Q = PoissonGroup(50, 40*Hz)
spikes_p = SpikeMonitor(P)
spikes_q = SpikeMonitor(Q)
run(2*second)
