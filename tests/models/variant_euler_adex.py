"""Adaptive exponential integrate-and-fire neurons (nonlinear) with Euler at dt = 0.05 ms.

Units: farad, siemens, amp, volt. Each spike resets v and increments the adaptation current w.
"""
from brian2 import *

defaultclock.dt = 0.05*ms

C = 281*pF
gL = 30*nS
EL = -70.6*mV
VT = -50.4*mV
DeltaT = 2*mV
tauw = 144*ms
a = 4*nS
b = 0.0805*nA
Vr = -70.6*mV
Vcut = VT + 5*DeltaT

eqs = '''
dv/dt = (gL*(EL - v) + gL*DeltaT*exp((v - VT)/DeltaT) + I - w)/C : volt
dw/dt = (a*(v - EL) - w)/tauw : amp
I : amp
'''
reset = '''
v = Vr
w += b
'''
G = NeuronGroup(5, eqs, threshold='v > Vcut', reset=reset, method='euler')
G.v = EL
G.I = 'i*0.3*nA + 0.5*nA'
spikes = SpikeMonitor(G)
trace = StateMonitor(G, ['v', 'w'], record=[0, 4])
run(300*ms)
