"""Spike-timing-dependent plasticity in the style of Song, Miller & Abbott (2000): 200 Poisson inputs
at 15 Hz drive one conductance-based integrate-and-fire neuron through all-to-all event-driven STDP
synapses (traces Apre/Apost, weights clipped to [0, gmax]); 2 s. The initial weights are a fixed
function of i, so the final weights follow from the recorded spikes alone."""
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
gmax = 0.05
dApre = 0.01*gmax
dApost = -dApre*taupre/taupost*1.05

inputs = PoissonGroup(N, rates=15*Hz)
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
input_spikes = SpikeMonitor(inputs)
output_spikes = SpikeMonitor(neuron)
state = StateMonitor(neuron, ['v', 'ge'], record=0)
run(2*second)
