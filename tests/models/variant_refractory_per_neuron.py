"""A refractory period that differs per neuron: `refractory='dead_time'` with `dead_time : second`."""
from brian2 import *

tau = 10*ms
eqs = '''
dv/dt = (2 - v)/tau : 1 (unless refractory)
dead_time : second
'''
G = NeuronGroup(10, eqs, threshold='v > 1', reset='v = 0', refractory='dead_time',
                method='exact')
G.dead_time = '(1 + 2*i)*ms'
spikes = SpikeMonitor(G)
run(200*ms)
