"""`SpikeGeneratorGroup`: neurons that spike at given times, as in Brian2.

The engine group emits each spike in the step Brian2's ``timestep(t, dt)`` gives, in the
'thresholds' slot, repeating every `period` if one is given; it refuses two spikes of one neuron in a
step when the run starts (a time step too coarse for the spike times), as Brian2 does.
"""

import numpy as np

from ..core import engine
from ..core.quantities import scalar_seconds
from ..units import DimensionMismatchError, get_dimensions, second
from .group import Group
from .poissongroup import checked_size, reject_unsupported_spike_source_arguments


class SpikeGeneratorGroup(Group):
    """`N` neurons; neuron ``indices[k]`` spikes at ``times[k]`` (a time Quantity array), and again
    every `period` if it is positive (every spike time must then be shorter than the period).
    `set_spikes` replaces the spikes. Only the default clock and the 'thresholds' slot are supported.
    """

    def __init__(self, N, indices, times, dt=None, clock=None, period=0 * second, when="thresholds", order=0,
                 sorted=False, name="spikegeneratorgroup*", codeobj_class=None):
        reject_unsupported_spike_source_arguments("SpikeGeneratorGroup", dt, clock, when, codeobj_class)
        handle = engine.api.neurongroup_create(checked_size(N), "", "", "", "", "", 0.0, engine.float_dtype_code())
        super().__init__(handle, name, None, when, order)
        self.set_spikes(indices, times, period, sorted)

    def set_spikes(self, indices, times, period=0 * second, sorted=False):
        """Replaces the group's spikes (same arguments as the constructor)."""
        neuron_indices = np.asarray(indices)
        if neuron_indices.ndim != 1 or (len(neuron_indices) and neuron_indices.dtype.kind not in "iu"):
            raise TypeError("The indices of a SpikeGeneratorGroup have to be a one-dimensional sequence of integers.")
        if get_dimensions(times) != second.dim:
            raise DimensionMismatchError("The spike times of a SpikeGeneratorGroup have to be times (e.g. [1, 2]*ms), "
                                         f"got {times!r}", get_dimensions(times))
        spike_times = np.ascontiguousarray(np.asarray(times, dtype=float).ravel())
        if len(spike_times) != len(neuron_indices):
            raise ValueError(f"Length of the indices and times arrays must match, but {len(neuron_indices)} != "
                             f"{len(spike_times)}")
        period_seconds = scalar_seconds(period, "The period of a SpikeGeneratorGroup")
        engine.api.neurongroup_set_spike_schedule(self.handle, neuron_indices.astype(np.int64), spike_times.tobytes(),
                                                  period_seconds)

    def _schedule(self):
        """The engine's schedule (which a restored snapshot may have changed): indices, times, period."""
        indices, times, period = engine.api.neurongroup_spike_schedule(self.handle)
        return np.frombuffer(indices, dtype=np.int64).astype(np.int32), np.frombuffer(times, dtype=np.float64), period

    @property
    def neuron_index(self):
        """The neuron of every spike, sorted by spike time (then neuron), as in Brian2."""
        return self._schedule()[0]

    @property
    def spike_time(self):
        """The time of every spike, sorted (a time Quantity array)."""
        return self._schedule()[1] * second

    @property
    def period(self):
        """The period after which the spikes repeat (0 s: no repetition)."""
        return self._schedule()[2] * second

    def __repr__(self):
        count = len(self.neuron_index)
        return f"SpikeGeneratorGroup({self.N}, indices=<length {count} array>, times=<length {count} array>)"
