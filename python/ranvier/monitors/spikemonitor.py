"""`SpikeMonitor`: records the index and time of every spike of a group."""

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.quantities import with_dimension
from ..groups.group import Group
from .recorded import recorded_view


class SpikeMonitor(EngineObject):
    """Records the spikes of `source`: ``M.i`` (neuron indices), ``M.t`` (times), ``M.count`` (spikes
    per neuron), ``M.num_spikes``, ``M.spike_trains()``. With ``record=False`` only the counts are
    available."""

    invalidates_magic_network = False

    def __init__(self, source, variables=None, record=True, when=None, order=None, name="spikemonitor*",
                 codeobj_class=None):
        if variables:
            raise NotImplementedError("SpikeMonitor does not support recording variables at spike times yet.")
        if codeobj_class is not None:
            raise NotImplementedError("SpikeMonitor does not support the argument codeobj_class.")
        if not isinstance(source, Group):
            raise TypeError(f"SpikeMonitor can only record from a group, not from {type(source).__name__}.")
        if not isinstance(record, (bool, np.bool_)):
            raise TypeError(f"record has to be True or False for a SpikeMonitor, got {record!r}.")
        when, order = _schedule(when, order)
        handle = engine.api.spikemonitor_create(source.handle)
        super().__init__(handle, name, when, order)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "record", bool(record))
        object.__setattr__(self, "_dependencies", (source,))

    @property
    def i(self):
        """Neuron index of each spike, in the order of the spikes (int32 array)."""
        self._require_recording()
        return self._indices()

    @property
    def t(self):
        """Time of each spike (Quantity, seconds)."""
        self._require_recording()
        return with_dimension(*recorded_view(self.handle, "t"))

    @property
    def t_(self):
        """Time of each spike in seconds, as a float array."""
        self._require_recording()
        return recorded_view(self.handle, "t")[0]

    @property
    def it(self):
        """The pair ``(i, t)``."""
        return self.i, self.t

    @property
    def it_(self):
        """The pair ``(i, t_)``."""
        return self.i, self.t_

    @property
    def count(self):
        """Number of spikes of each neuron of the source (int32 array)."""
        return np.bincount(self._indices(), minlength=len(self.source)).astype(np.int32)

    @property
    def num_spikes(self):
        """Total number of spikes recorded."""
        return len(self._indices())

    def __len__(self):
        return self.num_spikes

    def spike_trains(self):
        """``{neuron index: spike times (Quantity, sorted)}`` for every neuron of the source."""
        indices, times = self.i, self.t
        order = np.argsort(indices, kind="stable")
        bounds = np.searchsorted(indices[order], np.arange(len(self.source) + 1))
        sorted_times = times[order]
        return {neuron: sorted_times[bounds[neuron]:bounds[neuron + 1]] for neuron in range(len(self.source))}

    def _indices(self):
        return recorded_view(self.handle, "i")[0].astype(np.int32, copy=False)

    def _require_recording(self):
        if not self.record:
            raise AttributeError("Indices and times have not been recorded. Set the record argument to True "
                                 "to record them.")

    def __repr__(self):
        return f"<SpikeMonitor, recording from '{self.name}'>"


def _schedule(when, order):
    """Brian2's default: right after the source's threshold check (slot 'thresholds', order 1)."""
    if when is None:
        if order is not None:
            raise ValueError("Cannot specify order if when is not specified.")
        return "thresholds", 1
    return when, 0 if order is None else order
