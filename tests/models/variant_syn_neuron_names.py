"""Names of the neurons on either side of a synapse in synaptic code: `i_pre`/`i_post` (the
neurons' indices), the neuron groups' subexpressions as `y_pre`/`y_post` (and unsuffixed, for the
postsynaptic group), and the synapse counts `N_incoming`/`N_outgoing`, in assignments of synaptic
variables and in `on_pre` code, between two groups of different sizes. (The postsynaptic subexpression does not depend on `v`, which
the code writes: with several synapses onto one neuron in a step, Brian2's numpy target evaluates it
before every write, its cython target between them; Ranvier does the latter.)"""
from brian2 import *

source = NeuronGroup(5, '''dv/dt = (drive - v)/(10*ms) : 1
                          drive = 1.2 + 0.1*i : 1''', threshold='v > 1', reset='v = 0', method='exact')
target = NeuronGroup(7, '''dv/dt = -v/(20*ms) : 1
                          b : 1
                          excess = b - 0.5*i/N : 1''', method='exact')
target.b = 'sin(i)'
S = Synapses(source, target, '''w : 1
                               tag : 1''',
             on_pre='v_post += w*(1 + 0.1*drive_pre) - 0.01*excess')
S.connect(j='(3*i + k) % N_post for k in range(2)')
S.connect(i=[0, 0, 4], j=[6, 5, 6])
S.w = '0.01*(i_post + 1) + 0.001*i_pre + 0.002*N_incoming + 0.003*N_outgoing'
S.tag = 'drive_pre*10 + excess_post'

weights = StateMonitor(S, ['w', 'tag'], record=True)
spikes = SpikeMonitor(source)
trace = StateMonitor(target, 'v', record=True)
run(40*ms)
