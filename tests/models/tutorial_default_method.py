"""Tutorial part 1, 'A simple model': one neuron relaxing towards 1, with no method given.

Brian2 picks the integration method itself ('exact' for this linear equation); the final v must be
1 - exp(-100 ms / 10 ms).
"""
from brian2 import *

tau = 10*ms
eqs = '''
dv/dt = (1-v)/tau : 1
'''
G = NeuronGroup(1, eqs)
run(100*ms)
