"""Integer variables hold whole numbers: a per-neuron spike counter incremented by the reset, a
level truncated toward zero from a float expression (`1.5*i - 2.2` gives -2, 0, 0, 2, 3), a
threshold on an integer that synapses increment, and an integer weight added to a float target."""
from brian2 import *

eqs = '''
dv/dt = (drive - v)/(5*ms) : 1
drive : 1
spikes_so_far : integer
level : integer
'''
G = NeuronGroup(5, eqs, threshold='v > 1', reset='v = 0; spikes_so_far += 1', method='exact')
G.drive = '1.2 + 0.4*i'
G.level = '1.5*i - 2.2'
H = NeuronGroup(5, '''x : 1
count_in : integer''', threshold='count_in > 2', reset='count_in = 0')
S = Synapses(G, H, 'w : integer', on_pre='x_post += w; count_in_post += 1')
S.connect(j='i')
S.w = 'level_pre + 3'
trace = StateMonitor(G, ['spikes_so_far', 'level'], record=True)
counter = SpikeMonitor(G)
received = SpikeMonitor(H)
run(30*ms)
