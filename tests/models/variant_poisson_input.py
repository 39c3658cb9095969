"""PoissonInput onto two subgroups of a group without threshold, and onto a spiking population.
G[:500] gets 100 inputs at 10 Hz of 0.2 mV (rate*dt*N = 0.1 events per step); G[500:1000] gets 1000
inputs at 100 Hz (10 events per step, where Brian2 draws from a normal approximation of the
binomial) weighted by the string '0.02*mV*(1 + i/250)' with the subgroup's own i; G[1000:] gets
nothing. v decays with tau = 10 ms, so its final value is a filtered sum of the draws. H, 400 LIF
neurons, is driven by 200 inputs at 25 Hz of 0.5 mV to fire irregularly. 200 ms."""
from brian2 import *

start_scope()

G = NeuronGroup(1100, 'dv/dt = -v/(10*ms) : volt', method='exact')
sparse = PoissonInput(G[:500], 'v', 100, 10*Hz, weight=0.2*mV)
dense = PoissonInput(G[500:1000], 'v', 1000, 100*Hz, weight='0.02*mV*(1 + i/250)')
H = NeuronGroup(400, 'dv/dt = -v/(10*ms) : volt (unless refractory)', threshold='v > 20*mV', reset='v = 0*mV',
                refractory=2*ms, method='exact')
drive = PoissonInput(H, 'v', 200, 25*Hz, 0.5*mV)
spikes = SpikeMonitor(H)
run(200*ms)
