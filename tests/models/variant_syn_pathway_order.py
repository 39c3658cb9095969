"""Two named presynaptic pathways: Brian2 runs pathways of the same kind in the alphabetical order
of their names, so 'a_transmit' uses w before 'b_learn' changes it, on every spike."""
from brian2 import *

start_scope()

G = NeuronGroup(3, '''dv/dt = (I - v)/(5*ms) : 1
                      I : 1''', threshold='v > 1', reset='v = 0', method='exact')
G.I = [2.5, 0, 0]
S = Synapses(G, G, 'w : 1',
             on_pre={'b_learn': 'w = w*0.5 + 0.05',
                     'a_transmit': 'v_post += w'})
S.connect(i=0, j=[1, 2])
S.w = [0.4, 0.8]
M = StateMonitor(G, 'v', record=[1, 2])
Mw = StateMonitor(S, 'w', record=True)
run(40*ms)
