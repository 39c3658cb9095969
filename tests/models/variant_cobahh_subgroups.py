"""A small COBAHH network (Brette et al. 2007, benchmark 3): 100 Hodgkin-Huxley neurons with
exponentially decaying excitatory and inhibitory conductances, integrated with exponential_euler,
rate functions written with exprel. The first 80 neurons (subgroup P[:80]) excite, the last 20
(P[80:]) inhibit; connectivity is a fixed condition on the indices, which are relative to each
subgroup, and the initial values are fixed functions of i, so the run is deterministic. Each
neuron receives 7 or 8 excitatory and 4 inhibitory synapses; the weights are those of the
4,000-neuron benchmark scaled by its 64 and 16 inputs per neuron. 200 ms."""
from brian2 import *

start_scope()

area = 20000*umetre**2
Cm = 1*ufarad*cm**-2*area
gl = 5e-5*siemens*cm**-2*area
El = -60*mV
EK = -90*mV
ENa = 50*mV
g_na = 100*msiemens*cm**-2*area
g_kd = 30*msiemens*cm**-2*area
VT = -63*mV
taue = 5*ms
taui = 10*ms
Ee = 0*mV
Ei = -80*mV
we = 6*nS*64/8
wi = 67*nS*16/4

hodgkin_huxley = '''
dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)
         - g_na*m**3*h*(v - ENa) - g_kd*n**4*(v - EK))/Cm : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
alpha_m = 1.28/exprel((13*mV - v + VT)/(4*mV))/ms : Hz
beta_m = 1.4/exprel((v - VT - 40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV - v + VT)/(18*mV))/ms : Hz
beta_h = 4/(1 + exp((40*mV - v + VT)/(5*mV)))/ms : Hz
alpha_n = 0.16/exprel((15*mV - v + VT)/(5*mV))/ms : Hz
beta_n = 0.5*exp((10*mV - v + VT)/(40*mV))/ms : Hz
'''


def simulate():
    """Builds and runs the network; the synapses stay local because run_script.py collects Synapses
    through get_states(), which in Brian2 has no i when the source is a subgroup not starting at 0."""
    P = NeuronGroup(100, hodgkin_huxley, threshold='v > -20*mV', refractory=3*ms, method='exponential_euler')
    excitatory = P[:80]
    inhibitory = P[80:]
    Ce = Synapses(excitatory, P, on_pre='ge += we')
    Ci = Synapses(inhibitory, P, on_pre='gi += wi')
    Ce.connect(condition='(i*7 + j*3) % 10 == 0 and i != j')
    Ci.connect(condition='(i*3 + j) % 5 == 1')
    P.v = 'El + (5*sin(1.7*i) - 5)*mV'
    P.ge = '(4 + 1.5*cos(2.3*i))*10*nS'
    P.gi = '(20 + 12*sin(0.9*i + 1))*10*nS'
    spikes = SpikeMonitor(P)
    trace = StateMonitor(P, ['v', 'ge', 'gi'], record=[1, 10, 85])
    run(200*ms)
    return P, spikes, trace


P, spikes, trace = simulate()
