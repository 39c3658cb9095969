"""COBAHH (Brette et al. 2007, benchmark 3) as a Brian2-syntax script, for timing Ranvier against Brian2.

N = 4,000 Hodgkin-Huxley neurons (Traub-Miles sodium and potassium currents, leak) with exponentially
decaying excitatory (Ee = 0 mV, taue 5 ms) and inhibitory (Ei = -80 mV, taui 10 ms) conductances,
integrated with exponential_euler, rate functions written with exprel. The subgroup P[:0.8N] excites
(ge += we, we = 6 nS), P[0.8N:] inhibits (gi += wi, wi = 67 nS); every pair is connected with
probability p = 0.02. Threshold v > -20 mV with a 3 ms refractory period (spike detection only: v is
not clamped); v starts at El + (randn()*5 - 5) mV, the conductances at (randn()*1.5 + 4)*10 nS and
(randn()*12 + 20)*10 nS. A SpikeMonitor records every spike; dt = 0.1 ms.
The equations are those of tests/models/variant_cobahh_subgroups.py.

Usage:
    python cobahh.py --simulator ranvier [--neurons N] [--duration SECONDS] [--seed S]
    python cobahh.py --simulator brian2 --target {cython,numpy,cpp_standalone} [--build-dir D] ...

Prints ``key=value`` lines (see benchmarks/benchscript.py) and ``synapses``, ``total_spikes``, ``rate_hz``.
"""

from benchscript import Benchmark

bench = Benchmark.from_command_line(__doc__, neurons=4000, duration=1.0)
if bench.simulator == "ranvier":
    from ranvier import *
else:
    from brian2 import *
bench.imported()

seed(bench.arguments.seed)
N = bench.arguments.neurons
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
we = 6*nS
wi = 67*nS

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

P = NeuronGroup(N, hodgkin_huxley, threshold='v > -20*mV', refractory=3*ms, method='exponential_euler')
P.v = 'El + (randn()*5 - 5)*mV'
P.ge = '(randn()*1.5 + 4)*10*nS'
P.gi = '(randn()*12 + 20)*10*nS'
excitatory = P[:int(0.8*N)]
inhibitory = P[int(0.8*N):]
Ce = Synapses(excitatory, P, on_pre='ge += we')
Ci = Synapses(inhibitory, P, on_pre='gi += wi')
with bench.phase("connect"):
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
spikes = SpikeMonitor(P)

with bench.running():
    run(bench.arguments.duration*second)

synapses = len(Ce) + len(Ci)
total = int(spikes.num_spikes)
bench.finish(synapses=synapses, total_spikes=total, rate_hz=total/(N*bench.arguments.duration))
