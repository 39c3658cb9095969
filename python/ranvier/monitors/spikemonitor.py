"""`SpikeMonitor`: records the index and time of every spike of a group, and chosen variables'
values at each spike."""

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.quantities import with_dimension
from ..groups.group import Group
from .recorded import recorded_view


class SpikeMonitor(EngineObject):
    """Records the spikes of `source`: ``M.i`` (neuron indices), ``M.t`` (times), ``M.count`` (spikes
    per neuron), ``M.num_spikes``, ``M.spike_trains()``.

    ``variables`` (a name or a sequence of names) are recorded at each spike, after the threshold
    and before the reset: ``M.v`` holds one value per spike, ``M.values('v')`` and
    ``M.all_values()`` the values by neuron. With ``record=False`` only the counts (and the
    variables) are recorded: ``M.i``, ``M.t`` and the per-neuron dictionaries do not exist.
    """

    invalidates_magic_network = False

    def __init__(self, source, variables=None, record=True, when=None, order=None, name="spikemonitor*",
                 codeobj_class=None):
        if codeobj_class is not None:
            raise NotImplementedError("SpikeMonitor does not support the argument codeobj_class.")
        if not isinstance(source, Group):
            raise TypeError(f"SpikeMonitor can only record from a group, not from {type(source).__name__}.")
        if not isinstance(record, (bool, np.bool_)):
            raise TypeError(f"record has to be True or False for a SpikeMonitor, got {record!r}.")
        names = _variable_names(source, variables)
        when, order = _schedule(when, order)
        handle = engine.api.spikemonitor_create(source.handle, names, bool(record))
        super().__init__(handle, name, when, order)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "record", bool(record))
        # As in Brian2: the recorded names, with i and t when spikes are recorded.
        object.__setattr__(self, "record_variables", set(names) | ({"i", "t"} if record else set()))
        object.__setattr__(self, "_variables", tuple(names))
        object.__setattr__(self, "_dependencies", (source,))

    @property
    def i(self):
        """Neuron index of each spike, in the order of the spikes (int32 array)."""
        self._require_recording("i")
        return self._indices()

    @property
    def t(self):
        """Time of each spike (Quantity, seconds)."""
        self._require_recording("t")
        return with_dimension(*recorded_view(self.handle, "t"))

    @property
    def t_(self):
        """Time of each spike in seconds, as a float array."""
        self._require_recording("t")
        return recorded_view(self.handle, "t")[0]

    @property
    def it(self):
        """The pair ``(i, t)``."""
        self._require_recording("it")
        return self.i, self.t

    @property
    def it_(self):
        """The pair ``(i, t_)``."""
        self._require_recording("it")
        return self.i, self.t_

    @property
    def count(self):
        """Number of spikes of each neuron of the source (int32 array)."""
        return recorded_view(self.handle, "count")[0]

    @property
    def num_spikes(self):
        """Total number of spikes recorded."""
        return int(np.sum(self.count, dtype=np.int64))

    def __len__(self):
        return self.num_spikes

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._variables:
            return with_dimension(*recorded_view(self.handle, name))
        if name.endswith("_") and name[:-1] in self._variables:
            return recorded_view(self.handle, name[:-1])[0]
        raise AttributeError(f"No attribute with name {name}")

    def spike_trains(self):
        """``{neuron index: spike times (Quantity, sorted)}`` for every neuron of the source."""
        return self.values("t")

    def values(self, var):
        """``{neuron index: values of `var` at that neuron's spikes, in time order}`` for every
        neuron of the source (`var` may be ``'t'``, ``'i'`` or a recorded variable)."""
        self._require_recording("values")
        return self._by_neuron(self._recorded(var), self._spike_order())

    def all_values(self):
        """``{name: values(name)}`` for ``'t'`` and every recorded variable."""
        self._require_recording("all_values")
        order = self._spike_order()
        return {name: self._by_neuron(self._recorded(name), order) for name in ("t",) + self._variables}

    def _recorded(self, var):
        if var == "i":
            return self._indices()
        if var != "t" and var not in self._variables:
            raise KeyError(f"State variable {var} not found.")
        return with_dimension(*recorded_view(self.handle, var))

    def _spike_order(self):
        """``(stable order of the spikes by neuron, bounds of each neuron's spikes in that order)``."""
        indices = self._indices()
        order = np.argsort(indices, kind="stable")
        return order, np.searchsorted(indices[order], np.arange(len(self.source) + 1))

    def _by_neuron(self, values, spike_order):
        order, bounds = spike_order
        in_order = values[order]
        return {neuron: in_order[bounds[neuron]:bounds[neuron + 1]] for neuron in range(len(self.source))}

    def _indices(self):
        return recorded_view(self.handle, "i")[0].astype(np.int32, copy=False)

    def _require_recording(self, name):
        if not self.record:
            if name in ("i", "t", "it"):
                raise AttributeError(f"No attribute with name {name}")
            raise AttributeError("Indices and times have not been recorded. Set the record argument to True "
                                 "to record them.")

    def __repr__(self):
        return f"<SpikeMonitor, recording from '{self.name}'>"


def _variable_names(source, variables):
    """The names recorded at each spike besides i and t, as Brian2 accepts them: a name or a sequence
    of names of variables of the source."""
    if variables is None:
        return []
    names = [variables] if isinstance(variables, str) else variables
    try:
        names = list(names)
    except TypeError:
        raise TypeError(f"'{type(variables).__name__}' object is not iterable") from None
    if not all(isinstance(name, str) for name in names):
        raise TypeError(f"variables has to be a name or a sequence of names, got {variables!r}.")
    for name in names:
        if source._variable_info(name) is None:
            raise ValueError(f"'{name}' is not a variable of the recorded group")
    return sorted(set(names) - {"i", "t"}, key=names.index)


def _schedule(when, order):
    """Brian2's default: right after the source's threshold check (slot 'thresholds', order 1)."""
    if when is None:
        if order is not None:
            raise ValueError("Cannot specify order if when is not specified.")
        return "thresholds", 1
    return when, 0 if order is None else order
