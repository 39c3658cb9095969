"""`Subgroup`: a contiguous slice ``G[a:b]`` of a group of neurons, as in Brian2.

A subgroup shares its parent's memory: its variables are views of the parent's (``P[:80].v = ...``
changes P), its indices start at 0 (``i`` in code strings, ``S.i``/``S.j`` of synapses connecting
subgroups, a monitor's ``i``), and it spikes when the parent's neurons in the slice spike. It runs
no code of its own, so a network simulates it through its parent: as in Brian2, ``run()`` does not
collect subgroups, and an object using a subgroup needs the parent in the network.

A subgroup of a subgroup is a subgroup of the root parent, with the offsets added.
"""

import numbers
from collections.abc import Sequence

import numpy as np

from ..core import engine
from .group import Group


class Subgroup(Group):
    """The neurons ``start <= index < stop`` of `source` (a group of neurons or a subgroup of one);
    usually made by slicing, ``G[start:stop]``."""

    add_to_magic_network = False
    _has_engine_operations = False

    def __init__(self, source, start, stop, name=None):
        root, offset = _root_and_offset(source)
        start, stop = _checked_bounds(start, stop, len(source))
        handle = engine.api.subgroup_create(root.handle, offset + start, offset + stop)
        super().__init__(handle, f"{root.name}_subgroup*" if name is None else name, root.namespace)
        # As in Brian2: spikes are taken from the parent right after its threshold (documentary here,
        # since the engine reads the parent's spikes directly).
        object.__setattr__(self, "when", "thresholds")
        object.__setattr__(self, "order", root.order + 1)
        #: The group this subgroup is a slice of (never itself a subgroup).
        object.__setattr__(self, "source", root)
        object.__setattr__(self, "start", offset + start)
        object.__setattr__(self, "stop", offset + stop)

    @property
    def _simulated_object(self):
        return self.source

    def __getitem__(self, item):
        start, stop = slice_bounds(item, len(self))
        return Subgroup(self, start, stop)

    def _state_names(self):
        # Brian2 defines i of a subgroup that does not start at 0 as a subexpression (the parent's
        # index minus the offset), so get_states() leaves it out there.
        names = super()._state_names()
        return names if self.start == 0 else [name for name in names if name != "i"]

    def __repr__(self):
        return f"<Subgroup {self.name!r} of {self.source.name!r} from {self.start} to {self.stop}>"


def slice_bounds(item, size):
    """``(start, stop)`` of a subgroup given by slicing syntax (Brian2's rule for subgroups and
    Poisson groups: slices with step 1 only)."""
    if not isinstance(item, slice):
        raise TypeError("Subgroups can only be constructed using slicing syntax")
    start, stop, step = item.indices(size)
    return _checked_range(start, stop, step, size)


def index_bounds(item, size):
    """``(start, stop)`` of a subgroup of a neuron group, given by a slice, a single index or a
    sequence of contiguous ascending indices (Brian2's rule for ``NeuronGroup[item]``)."""
    if isinstance(item, slice):
        start, stop, step = item.indices(size)
    elif isinstance(item, (numbers.Integral, np.integer)):
        start, stop, step = int(item), int(item) + 1, 1
    elif isinstance(item, (Sequence, np.ndarray)) and not isinstance(item, str):
        if not (len(item) > 0 and np.all(np.diff(item) == 1)):
            raise IndexError("Subgroups can only be constructed using contiguous indices.")
        if not np.issubdtype(np.asarray(item).dtype, np.integer):
            raise TypeError("Subgroups can only be constructed using integer values.")
        start, stop, step = int(item[0]), int(item[-1]) + 1, 1
    else:
        raise TypeError("Subgroups can only be constructed using slicing syntax, a single index, or an array of "
                        "contiguous indices.")
    return _checked_range(start, stop, step, size)


def _checked_range(start, stop, step, size):
    if step != 1:
        raise IndexError("Subgroups have to be contiguous")
    if start >= stop:
        raise IndexError(f"Illegal start/end values for subgroup, {int(start)}>={int(stop)}")
    if start >= size:
        raise IndexError(f"Illegal start value for subgroup, {int(start)}>={int(size)}")
    if stop > size:
        raise IndexError(f"Illegal stop value for subgroup, {int(stop)}>{int(size)}")
    if start < 0:
        raise IndexError("Indices have to be positive.")
    return int(start), int(stop)


def _checked_bounds(start, stop, size):
    """Bounds given to the `Subgroup` constructor directly: integers with 0 <= start < stop <= size."""
    for name, value in (("start", start), ("stop", stop)):
        if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
            raise TypeError(f"The {name} index of a subgroup has to be an integer, got {value!r}.")
    return _checked_range(int(start), int(stop), 1, size)


def _root_and_offset(source):
    """The group that owns the memory behind `source`, and where `source` starts in it."""
    if isinstance(source, Subgroup):
        return source.source, source.start
    if not isinstance(source, Group):
        raise TypeError(f"Subgroups can only be taken of groups of neurons, not of {type(source).__name__}.")
    return source, 0  # the engine refuses groups other than groups of neurons
