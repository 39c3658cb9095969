"""A two-dimensional TimedArray `image(t, i)` as an image-like stimulus (rows are frames 10 ms apart,
columns pixels, one neuron per pixel), with per-neuron gains, run past the last frame."""
from brian2 import *

frames, pixels = 8, 20
pattern = ((np.arange(frames)[:, None] * 3 + np.arange(pixels)[None, :] * 7) % 11) * 3.0
image = TimedArray(pattern*mV, dt=10*ms)
tau = 8*ms
G = NeuronGroup(pixels, '''dv/dt = (gain*image(t, i) - v)/tau : volt
                           gain : 1''', threshold='v > 20*mV', reset='v = 0*mV')
G.gain = '0.8 + 0.02*i'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[0, 7, 19])
run(100*ms)
