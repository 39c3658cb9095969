"""Groups of neurons whose variables are reachable as attributes: neuron groups, Poisson groups,
spike generator groups and subgroups (contiguous slices) of them; and PoissonInput, which drives
a group's variable."""

from .neurongroup import NeuronGroup
from .poissongroup import PoissonGroup
from .poissoninput import PoissonInput
from .spikegeneratorgroup import SpikeGeneratorGroup
from .subgroup import Subgroup

__all__ = ["NeuronGroup", "PoissonGroup", "PoissonInput", "SpikeGeneratorGroup", "Subgroup"]
