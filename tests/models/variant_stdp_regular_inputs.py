"""Spike-timing-dependent plasticity onto one conductance-based neuron, in the style of Song, Miller
& Abbott (2000), with deterministic inputs: 200 integrate-and-fire input neurons with constant drives
fire regularly (rates from about 10 to 40 Hz, staggered first spikes), and all-to-all event-driven
STDP synapses (traces Apre/Apost, weights clipped to [0, gmax]) drive the output neuron for 2 s."""
from brian2 import *

start_scope()

N = 200
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
gmax = 0.03
dApre = 0.01*gmax
dApost = -dApre*taupre/taupost*1.05

inputs = NeuronGroup(N, '''dx/dt = (drive - x)/(100*ms) : 1
                           drive : 1''', threshold='x > 1', reset='x = 0', method='exact')
inputs.drive = '1.5 + 2.5*i/N'
inputs.x = '(i*0.618) % 1'

neuron = NeuronGroup(1, '''dv/dt = (ge*(Ee - v) + El - v)/taum : volt
                           dge/dt = -ge/taue : 1''', threshold='v > vt', reset='v = vr', method='euler')
neuron.v = vr

S = Synapses(inputs, neuron,
             '''w : 1
                dApre/dt = -Apre/taupre : 1 (event-driven)
                dApost/dt = -Apost/taupost : 1 (event-driven)''',
             on_pre='''ge += w
                       Apre += dApre
                       w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                        w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'gmax*(0.3 + 0.5*((i*0.37) % 1))'

weights = StateMonitor(S, 'w', record=[0, 57, 199])
output_spikes = SpikeMonitor(neuron)
input_spikes = SpikeMonitor(inputs)
run(2*second)
