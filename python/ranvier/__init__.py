"""Ranvier: a spiking neural network simulator with Brian2's Python API and a compiled engine.

``from ranvier import *`` provides what ``from brian2 import *`` provides to scripts: the units,
the simulation objects (Equations, NeuronGroup, PoissonGroup, Subgroup, Synapses, StateMonitor, SpikeMonitor,
Network, run, store, restore, start_scope, defaultclock, seed, prefs...), numpy's names (with unit-aware versions
where Brian2 has them) and matplotlib's pyplot functions, which import matplotlib only when first
called.
"""

from .pylab import *  # noqa: F401,F403 - first, so that the names below take precedence (as in Brian2)
from .pylab import __all__ as _pylab_names
from .units import *  # noqa: F401,F403
from .units import __all__ as _unit_names
from .core import engine as _engine
from .core.base import start_scope
from .core.clock import Clock, defaultclock
from .core.errors import MagicError, UnsupportedEquationsException
from .core import interrupts as _interrupts
from .core.magic import MagicNetwork, collect, magic_network, restore, run, store
from .core.network import Network, stop
from .core.operations import NetworkOperation, network_operation
from .core.preferences import PreferenceError, prefs
from .core.random_numbers import seed
from .core.variables import VariableView
from .equations import Equations
from .groups import NeuronGroup, PoissonGroup, PoissonInput, SpikeGeneratorGroup, Subgroup
from .groups.coderunner import CodeRunner
from .input import TimedArray
from .monitors import PopulationRateMonitor, SpikeMonitor, StateMonitor
from .synapses import Synapses

import numpy

_engine.register_exception_types()
_interrupts.install()

__version__ = "0.1.0"

_SIMULATION_NAMES = [
    "Clock", "Equations", "MagicError", "MagicNetwork", "Network", "NeuronGroup", "PoissonGroup",
    "PoissonInput", "PopulationRateMonitor", "PreferenceError", "SpikeGeneratorGroup",
    "SpikeMonitor", "StateMonitor", "Subgroup", "Synapses", "UnsupportedEquationsException", "VariableView",
    "TimedArray",
    "collect", "defaultclock", "magic_network", "numpy", "prefs", "restore", "run", "seed", "start_scope", "store",
    "CodeRunner", "NetworkOperation", "network_operation", "stop",
]
__all__ = sorted(set(_pylab_names) | set(_unit_names) | set(_SIMULATION_NAMES))
