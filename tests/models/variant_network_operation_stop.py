"""A network operation stopping the run: stop() at the first step at or after 6.25 ms ends the run
after that step (the rest of the step still runs), so the clock ends at 6.3 ms; a second run then
continues from there for its full duration."""
from brian2 import *

G = NeuronGroup(2, 'dv/dt = (1.5 - v)/(4*ms) : 1', threshold='v > 1', reset='v = 0', method='exact')
trace = StateMonitor(G, 'v', record=True, when='end')
spikes = SpikeMonitor(G)
stopped = []


@network_operation
def stop_once(t):
    if t >= 6.25*ms and not stopped:
        stopped.append(t)
        stop()


run(20*ms)
run(3*ms)
