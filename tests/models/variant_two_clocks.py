"""Two clocks besides the default one in a network: run_regularly code every 0.25 ms (not a multiple
of dt = 0.1 ms, so it runs at 0, 0.25, 0.5... between the default clock's steps too) and a
StateMonitor every 0.4 ms; a neuron group and its spikes on the default clock. The code's `t` is the
group's clock's (the default clock's) time, which at 0.25 ms has already moved on to 0.3 ms in Brian2."""
from brian2 import *

fast = Clock(dt=0.25*ms)
G = NeuronGroup(2, 'dv/dt = (I - v)/(5*ms) : 1\nI : 1\nk : 1\nseen : second', threshold='v > 1', reset='v = 0', method='exact')
G.I = [1.2, 1.6]
G.run_regularly('k += 1\nv += 0.01\nseen = t', clock=fast)
monitor = StateMonitor(G, ['v', 'k', 'seen'], record=True, dt=0.4*ms)
spikes = SpikeMonitor(G)
net = Network(G, monitor, spikes)
net.run(9*ms)
