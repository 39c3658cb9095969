"""TimedArrays in synaptic code: an on_pre increment `weights(t, i)` (2-D: rows over time, columns
presynaptic neurons), a synaptic model variable set from `scale(t)`, and a clock-driven synaptic
equation relaxing towards `target(t)`."""
from brian2 import *

weights = TimedArray([[0.3, 0.1, 0.2], [0.05, 0.4, 0.25], [0.2, 0.2, 0.0]], dt=4*ms)
scale = TimedArray([1.0, 0.5, 2.0], dt=5*ms)
target = TimedArray([0.0, 1.0, 0.4, 0.8], dt=3*ms)
inputs = SpikeGeneratorGroup(3, [0, 1, 2, 0, 1, 2, 0, 1, 2, 1], [0.5, 1.3, 2.2, 4.1, 5.5, 7.0, 8.3, 9.9, 11.2, 14.0]*ms)
post = NeuronGroup(2, 'dv/dt = -v/(5*ms) : 1', threshold='v > 0.45', reset='v = 0', method='exact')
S = Synapses(inputs, post, '''dg/dt = (target(t) - g)/(2*ms) : 1 (clock-driven)
                              w : 1''',
             on_pre='''w = scale(t)
                       v_post += weights(t, i)*w''')
S.connect()
fired = SpikeMonitor(post)
trace = StateMonitor(post, 'v', record=True)
gtrace = StateMonitor(S, 'g', record=[0, 5])
run(16*ms)
