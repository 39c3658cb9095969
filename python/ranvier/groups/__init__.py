"""Groups of neurons (and, later, other model elements) whose variables are reachable as attributes."""

from .neurongroup import NeuronGroup

__all__ = ["NeuronGroup"]
