"""A snapshot taken before connect(): restoring it removes the synapses (and their delays), and a
later connect() of another pattern runs from the restored state; the snapshot also goes through a file.
"""
import os
import tempfile

from brian2 import *

source = NeuronGroup(5, 'dv/dt = (1.5 - v)/(5*ms) : 1', threshold='v > 1', reset='v = 0', method='exact')
source.v = 'i*0.2'
target = NeuronGroup(5, 'x : 1')
synapses = Synapses(source, target, 'w : 1', on_pre='x += w')
spikes = SpikeMonitor(source)
net = Network(source, target, synapses, spikes)
path = os.path.join(tempfile.mkdtemp(), 'snapshot.bin')
net.store('empty', filename=path)
synapses.connect(j='i')
synapses.w = 'i + 1'
synapses.delay = 2*ms
net.run(10*ms)
net.restore('empty', filename=path)
synapses.connect(i=[0, 0, 3], j=[1, 4, 2])
synapses.w = 10
synapses.delay = '0.5*ms*j'
net.run(12*ms)
