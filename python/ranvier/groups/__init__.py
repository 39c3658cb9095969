"""Groups of neurons whose variables are reachable as attributes: neuron groups, Poisson groups,
spike generator groups and subgroups (contiguous slices) of them."""

from .neurongroup import NeuronGroup
from .poissongroup import PoissonGroup
from .spikegeneratorgroup import SpikeGeneratorGroup
from .subgroup import Subgroup

__all__ = ["NeuronGroup", "PoissonGroup", "SpikeGeneratorGroup", "Subgroup"]
