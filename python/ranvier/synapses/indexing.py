"""Synaptic indexing: which synapses ``S.w[i, j]``, ``S.w[2, :]`` or ``S[0, :]`` designate.

As in Brian2, a pair of indices selects the synapses whose presynaptic neuron is among the first
and whose postsynaptic neuron is among the second (each an index, a slice, or an array of indices);
indices outside a group select nothing. A single index (or slice, array...) counts synapses directly.
"""

import numbers

import numpy as np


def synapse_indices(synapses, item):
    """The synapse indices `item` designates, as a sorted int32 array for ``(i, j)`` pairs;
    other indices are returned unchanged (they already count synapses)."""
    if hasattr(item, "_indices"):
        return item._indices()
    if not isinstance(item, tuple) or _is_newaxis_request(item):
        return item
    if len(item) not in (2, 3):
        raise IndexError(f"Need 1, 2 or 3 indices, got {len(item)}.")
    pre_item, post_item, number_item = item if len(item) == 3 else (*item, slice(None))
    pre = _synapses_of_neurons(synapses._variable_array("i")[0], pre_item, len(synapses.source))
    post = _synapses_of_neurons(synapses._variable_array("j")[0], post_item, len(synapses.target))
    matching = np.intersect1d(pre, post, assume_unique=True).astype(np.int32)
    if isinstance(number_item, slice) and number_item == slice(None):
        return matching
    return matching[_has_synapse_number(synapses, matching, number_item)]


def _has_synapse_number(synapses, matching, number_item):
    """Which of the `matching` synapses have a synapse number (multisynaptic index) in `number_item`."""
    if synapses.multisynaptic_index is None:
        raise IndexError("To index by the third dimension you need to switch on the calculation of the "
                         "'multisynaptic_index' when you create the Synapses object.")
    synapse_number = synapses._variable_array(synapses.multisynaptic_index)[0][matching].astype(np.int64)
    if isinstance(number_item, slice):
        return np.isin(synapse_number, np.arange(int(synapse_number.max(initial=0)) + 1)[number_item])
    if isinstance(number_item, (numbers.Integral, np.integer)) and not isinstance(number_item, bool):
        return synapse_number == number_item
    raise NotImplementedError("Indexing synapses with arrays notimplemented yet")


def synapse_numbers(pre, post):
    """For each synapse, how many synapses of the same (pre, post) pair were created before it."""
    pre, post = np.asarray(pre, dtype=np.int64), np.asarray(post, dtype=np.int64)
    keys = pre * (int(post.max(initial=0)) + 1) + post
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts_group = np.ones(len(keys), dtype=bool)
    starts_group[1:] = sorted_keys[1:] != sorted_keys[:-1]
    group_start = np.maximum.accumulate(np.where(starts_group, np.arange(len(keys)), 0))
    numbers = np.empty(len(keys), dtype=np.int64)
    numbers[order] = np.arange(len(keys)) - group_start
    return numbers


def _is_newaxis_request(item):
    """matplotlib asks for ``values[:, np.newaxis]``; that is not a pair of neuron indices."""
    return len(item) == 2 and item[1] is None and isinstance(item[0], slice)


def _synapses_of_neurons(neuron_of_synapse, item, group_size):
    """Indices of the synapses whose neuron (pre or post) is among the neurons `item` selects."""
    neurons = _neuron_indices(item, group_size)
    return np.flatnonzero(np.isin(neuron_of_synapse, neurons))


def _neuron_indices(item, group_size):
    if isinstance(item, slice):
        return np.arange(group_size)[item]
    if isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, bool):
        return np.array([item]) if 0 <= item < group_size else np.array([], dtype=int)
    neurons = np.asarray(item)
    if neurons.size and not np.issubdtype(neurons.dtype, np.integer):
        raise TypeError(f"Neuron indices for synapses have to be integers, slices or arrays of integers, got {item!r}.")
    return neurons.reshape(-1)


class SynapticSubgroup:
    """The synapses ``S[item]`` designates (``S[0, :]``, ``S['w > 0']``...), usable as the ``record``
    argument of a StateMonitor. The indices are fixed when the subgroup is created, as in Brian2."""

    def __init__(self, synapses, indices):
        self.synapses = synapses
        self._stored_indices = np.asarray(indices, dtype=np.int32)

    def _indices(self):
        return self._stored_indices

    def __len__(self):
        return len(self._stored_indices)

    def __repr__(self):
        return f"<SynapticSubgroup, storing {len(self)} indices of {self.synapses.name}>"
