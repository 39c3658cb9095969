"""Monitors recording what happens in a group during a run."""

from .ratemonitor import PopulationRateMonitor
from .spikemonitor import SpikeMonitor
from .statemonitor import StateMonitor

__all__ = ["PopulationRateMonitor", "SpikeMonitor", "StateMonitor"]
