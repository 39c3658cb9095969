"""Ranvier's demo: the tutorial's per-neuron-parameter neurons, with and without noise.

Run it after installing (see README.md). It prints a summary and writes demo.png next to where it
is run from.
"""
import time

from ranvier import *

start = time.perf_counter()
N = 100
tau = 10*ms
v0_max = 3.
duration = 1000*ms
sigma = 0.2

eqs = '''
dv/dt = (v0-v)/tau+sigma*xi*tau**-0.5 : 1 (unless refractory)
v0 : 1
'''
seed(2026)
G = NeuronGroup(N, eqs, threshold='v>1', reset='v=0', refractory=5*ms, method='euler')
M = SpikeMonitor(G)
G.v0 = 'i*v0_max/(N-1)'
run(duration)
elapsed = time.perf_counter() - start

print(f"Simulated {N} noisy LIF neurons for {duration} in {elapsed:.3f} s: {M.num_spikes} spikes")
print(f"Firing rate of the neuron with v0 = {G.v0[-1]:.1f}: {M.count[-1]/duration}")

figure(figsize=(12, 4))
subplot(121)
plot(M.t/ms, M.i, '.k')
xlabel('Time (ms)')
ylabel('Neuron index')
subplot(122)
plot(G.v0, M.count/duration)
xlabel('v0')
ylabel('Firing rate (sp/s)')
savefig('demo.png')
print("Wrote demo.png")
