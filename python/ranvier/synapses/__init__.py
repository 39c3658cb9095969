"""Synapses: connections between groups, with per-synapse variables and code run on spikes."""

from .synapses import Synapses

__all__ = ["Synapses"]
