"""`StateMonitor`: records variables of chosen neurons at every step of its clock."""

import numbers

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.clock import clock_for
from ..core.quantities import with_dimension
from ..groups.group import Group
from .recorded import recorded_properties, recorded_view


class StateMonitor(EngineObject):
    """Records `variables` (a name, a list of names or True for all) of the `record`ed elements
    of `source`, a group of neurons or synapses (True: all, False: none, an index or a sequence of
    indices, or synapses selected as ``S[0, :]``).

    After a run, ``M.t`` holds the recording times and ``M.v`` an array of shape (recorded elements,
    time steps); ``M[i].v`` gives the trace of element ``i``. By default values are recorded at the
    start of each time step, before the update (Brian2's ``when='start'``); ``dt=`` or ``clock=``
    records at the steps of another clock instead, with that clock's times in ``M.t``.
    """

    invalidates_magic_network = False

    def __init__(self, source, variables, record, dt=None, clock=None, when="start", order=0,
                 name="statemonitor*", dtype=None, codeobj_class=None):
        unsupported = [arg for arg, value in (("dtype", dtype), ("codeobj_class", codeobj_class)) if value is not None]
        if unsupported:
            raise NotImplementedError(f"StateMonitor does not support the argument(s) {', '.join(unsupported)} yet.")
        if not isinstance(source, Group):
            raise TypeError(f"StateMonitor can only record from a group, not from {type(source).__name__}.")
        names = _variable_names(source, variables)
        indices, record_all = _record_indices(source, record)
        clock = clock_for(dt, clock, name.rstrip("*"))
        handle = engine.api.statemonitor_create(source.handle, names, None if record_all else indices)
        super().__init__(handle, name, when, order, clock=clock)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "record_variables", names)
        object.__setattr__(self, "record", indices)
        object.__setattr__(self, "record_all", record_all)
        object.__setattr__(self, "_dependencies", (source,))

    @property
    def n_indices(self):
        """Number of recorded elements."""
        return len(self.record)

    t, t_ = recorded_properties("t", "Times of the recorded samples")

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.record_variables:
            return with_dimension(*self._traces(name))
        if name.endswith("_") and name[:-1] in self.record_variables:
            return self._traces(name[:-1])[0]
        raise AttributeError(f"No attribute with name {name}")

    def _traces(self, name, rows=slice(None)):
        """``(array of shape (recorded elements, time steps), Dimension)`` for a recorded variable: a
        transposed view of the engine's (time steps, recorded elements) array, not a copy."""
        steps_by_elements, dimension = recorded_view(self.handle, name)
        return steps_by_elements.T[rows], dimension

    def __getitem__(self, item):
        return StateMonitorView(self, item)

    def record_single_timestep(self):
        """Records the current values once more, at the time the last run reached (the values at
        the end of a run, which the 'start' slot does not record). Only after a run (a run of
        ``0*ms`` will do); TypeError before."""
        engine.api.statemonitor_record_single_timestep(self.handle)

    def __repr__(self):
        return f"<StateMonitor, recording {self.record_variables!r} from '{self.source.name}'>"


class StateMonitorView:
    """The recordings of some elements of a StateMonitor: ``M[3].v`` is element 3's trace."""

    def __init__(self, monitor, item):
        self.monitor = monitor
        self.item = item
        self._rows = _rows_for(monitor, item)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        monitor = self.monitor
        if name in ("t", "t_"):
            return getattr(monitor, name)
        if name in monitor.record_variables:
            return with_dimension(*monitor._traces(name, self._rows))
        if name.endswith("_") and name[:-1] in monitor.record_variables:
            return monitor._traces(name[:-1], self._rows)[0]
        raise AttributeError(f"Unknown attribute {name}")

    def __repr__(self):
        return f"<StateMonitorView, giving access to elements {self.item!r} recorded by {self.monitor.name}>"


def _variable_names(source, variables):
    if variables is True:  # Brian2: the names the model equations declare, subexpressions included
        return engine.api.group_model_variable_names(source.handle)
    names = [variables] if isinstance(variables, str) else variables
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise TypeError(f"variables has to be a name, a list of names or True, got {variables!r}.")
    for name in names:
        if source._variable_info(name) is None and not _is_neuron_subexpression(source, name):
            raise KeyError(name)
    return list(names)


def _is_neuron_subexpression(source, name):
    """Whether `name` is a neuron subexpression read through synapses (``x_post``), which the engine
    records like the synapses' own variables (Brian2 2.11 records it in some cases and raises
    TypeError in others, when it cannot precompute the neurons' indices)."""
    for suffix, side in (("_pre", "source"), ("_post", "target")):
        neurons = getattr(source, side, None)
        if isinstance(neurons, Group) and name.endswith(suffix):
            info = neurons._variable_info(name[: -len(suffix)])
            if info is not None and info[1] == 1:
                return True
    return False


def _record_indices(source, record):
    """``(int32 array of recorded indices, whether every element is recorded)``."""
    if record is True:
        return np.arange(len(source), dtype=np.int32), True
    if record is False:
        return np.array([], dtype=np.int32), False
    if hasattr(record, "_indices"):  # e.g. S[0, :], the synapses leaving neuron 0
        record = record._indices()
    if isinstance(record, (numbers.Integral, np.integer)):
        indices = np.array([record])
    else:
        indices = np.asarray(record)
        if indices.ndim != 1 or (indices.size and not np.issubdtype(indices.dtype, np.integer)):
            raise TypeError(f"record has to be True, False, an index or a sequence of indices, got {record!r}.")
    if indices.size and (indices.max() >= len(source) or indices.min() < 0):
        raise IndexError("The indices to record from contain values outside of the range "
                         f"[0, {len(source) - 1}] allowed for the group '{source.name}'")
    return indices.astype(np.int32), False


def _rows_for(monitor, item):
    """Rows of the recorded arrays holding the given element index (or indices)."""
    if isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, bool):
        return _row_of(monitor, int(item))
    indices = np.asarray(item)
    if indices.ndim != 1 or (indices.size and not np.issubdtype(indices.dtype, np.integer)):
        raise TypeError("Index has to be an integer or a sequence of integers")
    return np.array([_row_of(monitor, int(index)) for index in indices], dtype=np.intp)


def _row_of(monitor, index):
    rows = np.flatnonzero(monitor.record == index)
    if len(rows) == 0:
        raise IndexError(f"Index number {index} has not been recorded")
    return int(rows[0])
