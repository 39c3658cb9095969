"""SpikeMonitors on subgroups: indices relative to each subgroup, counts per subgroup neuron, a
subgroup of a subgroup, a single-neuron subgroup, and a subgroup of a Poisson group whose rates are 0
or 2/dt (so that its spikes are certain: rand() < rates*dt is always false or always true)."""
from brian2 import *

start_scope()

G = NeuronGroup(10, '''dv/dt = (drive - v)/(10*ms) : 1
                       drive : 1''', threshold='v > 1', reset='v = 0', method='exact')
G.drive = '1.2 + 0.2*i'
middle = G[2:8]
inner = middle[1:4]
P = PoissonGroup(6, [0, 0, 2, 2, 0, 2]/defaultclock.dt)
spikes_all = SpikeMonitor(G)
spikes_middle = SpikeMonitor(middle)
spikes_inner = SpikeMonitor(inner)
spikes_last = SpikeMonitor(G[9])
spikes_poisson = SpikeMonitor(P[1:5])
run(25*ms)
