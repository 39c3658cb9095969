"""Tutorial part 1: the same relaxing neuron with method='exact', compared after 100 ms."""
from brian2 import *

start_scope()
tau = 10*ms
eqs = '''
dv/dt = (1-v)/tau : 1
'''
G = NeuronGroup(1, eqs, method='exact')
run(100*ms)
