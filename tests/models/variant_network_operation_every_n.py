"""Network operations changing variables while the simulation runs: one every 0.7 ms (its own
clock, in `start`), one called at every step with `t` that kicks neuron 0 every 13th step (before the
threshold, in `groups` after the update), and one at the end of every step counting calls."""
from brian2 import *

eqs = '''
dv/dt = (I - v)/(8*ms) : 1 (unless refractory)
I : 1
'''
G = NeuronGroup(3, eqs, threshold='v > 1', reset='v = 0', refractory=2*ms, method='exact')
G.I = [0.5, 1.2, 2.0]
calls = [0]


@network_operation(dt=0.7*ms)
def raise_drive():
    G.I = G.I + 0.02


@network_operation(when='groups', order=1)
def kick(t):
    step = int(round(t / defaultclock.dt))
    if step % 13 == 0:
        G.v[0] = 1.5


def count():
    calls[0] += 1
    G.v[2] = G.v[2] * 0.999


counter = NetworkOperation(count, when='end')
trace = StateMonitor(G, 'v', record=True)
spikes = SpikeMonitor(G)
run(20*ms)
