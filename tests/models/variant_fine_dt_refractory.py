"""The 9 ms-period LIF of variant_facts_lif at dt = 0.05 ms, with the refractory period given as a string.

Refractoriness written as the string '4*ms' (a duration expression) at a finer step checks that
refractory periods are counted in steps of the current dt.
"""
from brian2 import *

defaultclock.dt = 0.05*ms

eqs = '''
dv/dt = (1.5 - v)/(8*ms) : 1 (unless refractory)
'''
G = NeuronGroup(3, eqs, threshold='v > 0.7', reset='v = 0', refractory='4*ms', method='exact')
G.v = [0, 0.3, 0.69]
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[2])
run(100*ms)
