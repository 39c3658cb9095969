"""A single delay for all synapses given when creating them (delay=3*ms, Brian2 stores one value),
with synapses from two connect() calls; the delay is then changed to another single value."""
from brian2 import *

start_scope()

G = NeuronGroup(4, '''dv/dt = (I - v)/(10*ms) : 1
                      I : 1''', threshold='v > 1', reset='v = 0', method='exact')
G.I = [3, 0, 0, 0]
S = Synapses(G, G, 'w : 1', on_pre='v_post += w', delay=3*ms)
S.connect(i=0, j=[1, 2])
S.connect(i=0, j=3)
S.w = 'j*0.1'
M = StateMonitor(G, 'v', record=True)
run(20*ms)
S.delay = 1*ms
run(20*ms)
