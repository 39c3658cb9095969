"""A one-dimensional TimedArray (mV steps 15 ms apart) driving refractory LIF neurons through the
default (exact) method, simulated past the end of the array (it then holds its last value)."""
from brian2 import *

stimulus = TimedArray([0, 12, 25, 8, 31, 24]*mV, dt=15*ms)
El = -70*mV
tau = 10*ms
G = NeuronGroup(4, 'dv/dt = (El - v + stimulus(t))/tau : volt (unless refractory)',
                threshold='v > -52*mV', reset='v = El', refractory=3*ms)
G.v = 'El + i*2*mV'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, 'v', record=[0, 3])
run(130*ms)
