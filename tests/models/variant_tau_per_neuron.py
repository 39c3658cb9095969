"""Four neurons with their own time constant (`tau : second`) and drive (`I : 1`), set from lists."""
from brian2 import *

eqs = '''
dv/dt = (I - v)/tau : 1
I : 1
tau : second
'''
G = NeuronGroup(4, eqs, threshold='v > 1', reset='v = 0', method='exact')
G.I = [2, 1.5, 3, 0.5]
G.tau = [10, 20, 5, 10]*ms
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=True)
run(100*ms)
