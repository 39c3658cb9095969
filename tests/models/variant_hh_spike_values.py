"""Hodgkin-Huxley neurons (the COBAHH model's channels, no synapses) driven by constant currents
0..0.9 nA, with a threshold at -40 mV that stays refractory while v > -40 mV, so each action
potential gives one spike. The SpikeMonitor records v, m and the gating subexpression alpha_m at
each spike: the values just after the step's update, before anything else happens. exponential_euler,
100 ms."""
from brian2 import *

start_scope()

area = 20000*umetre**2
Cm = 1*ufarad*cm**-2*area
gl = 5e-5*siemens*cm**-2*area
El = -65*mV
EK = -90*mV
ENa = 50*mV
g_na = 100*msiemens*cm**-2*area
g_kd = 30*msiemens*cm**-2*area
VT = -63*mV

hodgkin_huxley = '''
dv/dt = (gl*(El - v) - g_na*m**3*h*(v - ENa) - g_kd*n**4*(v - EK) + I)/Cm : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
alpha_m = 1.28/exprel((13*mV - v + VT)/(4*mV))/ms : Hz
beta_m = 1.4/exprel((v - VT - 40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV - v + VT)/(18*mV))/ms : Hz
beta_h = 4/(1 + exp((40*mV - v + VT)/(5*mV)))/ms : Hz
alpha_n = 0.16/exprel((15*mV - v + VT)/(5*mV))/ms : Hz
beta_n = 0.5*exp((10*mV - v + VT)/(40*mV))/ms : Hz
I : amp
'''

G = NeuronGroup(10, hodgkin_huxley, threshold='v > -40*mV', refractory='v > -40*mV', method='exponential_euler')
G.v = El
G.I = '0.1*nA*i'
spikes = SpikeMonitor(G, variables=['v', 'm', 'alpha_m'])
run(100*ms)
