"""Monitors recording what happens in a group during a run."""

from .spikemonitor import SpikeMonitor
from .statemonitor import StateMonitor

__all__ = ["SpikeMonitor", "StateMonitor"]
