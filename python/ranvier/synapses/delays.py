"""`PathwayDelayView`: what ``S.delay`` and ``S.<pathway>.delay`` return.

A presynaptic pathway's delay is the engine's per-synapse ``delay`` variable, unless a single delay
was given when the synapses were created (``delay=2*ms``): then, as in Brian2, it is one value that
can only be replaced by another single value. A postsynaptic pathway's delay is fixed by the engine
when the synapses are created, so it is read-only here.
"""

import numpy as np

from ..core.quantities import check_assignment_dimension
from ..core.variables import VariableView


class PathwayDelayView(VariableView):
    """The delay of one pathway, as a `VariableView` of the synapses."""

    def __init__(self, pathway, use_units):
        synapses = pathway.synapses
        dimension, kind = synapses._variable_info("delay")
        super().__init__(synapses, "delay", dimension, kind, use_units)
        self.pathway = pathway

    def _is_single_valued(self):
        return self.pathway.single_delay is not None

    def _is_shared(self):
        return self._is_single_valued()

    def _array(self):
        if self._is_single_valued():
            return np.array([self.pathway.single_delay])
        if self.pathway.prepost == "post":
            return np.zeros(len(self.group))  # Brian2's initial per-synapse delay, never changed here
        return super()._array()

    def _check_writable(self):
        if self.pathway.prepost == "post":
            raise NotImplementedError("Ranvier fixes the delay of postsynaptic pathways when the Synapses are "
                                      "created; give it there, e.g. delay={'post': 2*ms}.")
        if self.group._presynaptic_pathway_count() > 1:
            raise NotImplementedError("Ranvier's presynaptic pathways share one delay per synapse; it cannot be "
                                      "set for one pathway of several.")
        super()._check_writable()

    def set_item(self, item, value, caller_frame):
        """Sets the delay; a single-valued delay only accepts one value (as in Brian2)."""
        if not self._is_single_valued():
            super().set_item(item, value, caller_frame)
            return
        self._check_writable()
        self._shared_index(None if isinstance(item, slice) and item == slice(None) else item)
        if isinstance(value, str):
            raise NotImplementedError("A delay given as a single value when creating the Synapses can only be "
                                      "set to a value, not to a code string.")
        if isinstance(value, VariableView):
            value = value.get_item(slice(None), caller_frame)
        if np.ndim(value) != 0:
            raise ValueError("The delay was given as a single value when the Synapses were created, so it can "
                            f"only be set to a single value, got an array of shape {np.shape(value)}.")
        if self._use_units:
            check_assignment_dimension(self.name, self.dim, value)
        seconds = float(np.asarray(value, dtype=float))
        if not seconds >= 0:
            raise ValueError(f"Synaptic delays must be non-negative times, got {value!r}.")
        self.pathway.single_delay = seconds
        self.group._apply_single_presynaptic_delay()

    def __repr__(self):
        suffix = "" if self._use_units else "_"
        return f"<{self.pathway.name}.delay{suffix}: {self.get_item(slice(None), None)!r}>"
