"""Leaky integrate-and-fire neurons with a reset and a refractory period, driven above threshold by
different constant inputs. Monitors record at each spike v (the value that crossed the threshold,
before the reset), a subexpression and a boolean parameter; one monitor keeps only the counts
(record=False) while still recording v, one only counts, and one watches a subgroup. 200 ms, exact
integration."""
from brian2 import *

start_scope()

eqs = '''
dv/dt = (drive - v)/(10*ms) : 1 (unless refractory)
drive : 1
overshoot = v - 1 : 1
tagged : boolean
'''
G = NeuronGroup(8, eqs, threshold='v > 1', reset='v = 0.1*i/N', refractory=2*ms, method='exact')
G.drive = '1.2 + 0.15*i'
G.tagged = 'i % 3 == 0'
at_spikes = SpikeMonitor(G, variables=['v', 'overshoot', 'tagged'])
values_only = SpikeMonitor(G, variables='v', record=False)
counts_only = SpikeMonitor(G, record=False)
part = SpikeMonitor(G[2:6], variables=['v', 'drive'])
run(200*ms)
