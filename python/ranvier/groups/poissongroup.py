"""`PoissonGroup`: N independent Poisson spike sources, as in Brian2.

Brian2 defines a Poisson group as a group of neurons with a rate variable that spikes with
probability ``rates*dt`` in each time step (threshold ``rand() < rates*dt``): this is built as
exactly that engine group. Rates given as a quantity (one for all, or one per neuron) are a
per-neuron variable ``rates`` that can be changed later; a code string (``'10*Hz + i*Hz'``,
``'5*Hz*(1 + sin(2*pi*t/second))'``) is re-evaluated every step as a read-only subexpression.
"""

import numbers

import numpy as np

from ..core import engine
from ..core.clock import defaultclock
from ..core.quantities import as_number_or_quantity
from ..units import DimensionMismatchError, Hz, Quantity, get_dimensions, have_same_dimensions
from ..units.dimension_checks import short_str
from .group import Group
from .subgroup import Subgroup, slice_bounds

#: Brian2's spiking rule for Poisson groups.
POISSON_THRESHOLD = "rand() < rates*dt"


class PoissonGroup(Group):
    """`N` neurons spiking independently with probability ``rates*dt`` per time step.

    `rates` is a rate (``10*Hz``), one rate per neuron (an array in Hz) or a code string giving the
    rate (it may use ``i``, ``t`` and external names). High rates need care, as in Brian2: at most
    one spike per neuron and step. Only the default clock and the ``'thresholds'`` slot are
    supported (NotImplementedError otherwise).
    """

    def __init__(self, N, rates, dt=None, clock=None, when="thresholds", order=0, namespace=None,
                 name="poissongroup*", codeobj_class=None):
        reject_unsupported_spike_source_arguments("PoissonGroup", dt, clock, when, codeobj_class)
        size = checked_size(N)
        rates = _checked_rates(rates)
        model = f"rates = {_single_line(rates)} : Hz" if isinstance(rates, str) else "rates : Hz"
        handle = engine.api.neurongroup_create(size, model, "", POISSON_THRESHOLD, "", "", 0.0, engine.float_dtype_code())
        super().__init__(handle, name, namespace, when, order)
        object.__setattr__(self, "_rates", rates)
        if not isinstance(rates, str):
            self.rates = rates

    def __getitem__(self, item):
        """The subgroup ``P[a:b]`` (slicing syntax only, as in Brian2)."""
        start, stop = slice_bounds(item, len(self))
        return Subgroup(self, start, stop)

    def __repr__(self):
        return f"PoissonGroup({self.N}, rates={self._rates!r})"


def reject_unsupported_spike_source_arguments(kind, dt, clock, when, codeobj_class):
    """NotImplementedError for what input groups (Poisson, spike generator) do not support yet: their
    own clock or time step, another slot than 'thresholds', a code object class."""
    unsupported = [argument for argument, value in (("dt", dt), ("codeobj_class", codeobj_class))
                   if value is not None] + ([] if clock is None or clock is defaultclock else ["clock"])
    if unsupported:
        raise NotImplementedError(f"{kind} does not support the argument(s) {', '.join(unsupported)} yet.")
    if when != "thresholds":
        raise NotImplementedError(f"A {kind} can only run in the 'thresholds' slot, got when={when!r}.")


def checked_size(N):
    if isinstance(N, bool) or not isinstance(N, (numbers.Real, np.integer)) or int(N) != N or N < 1:
        raise ValueError(f"N has to be an integer >= 1, got {N}.")
    return int(N)


def _checked_rates(rates):
    """A code string as it is; otherwise a value in Hz (Brian2's DimensionMismatchError if not)."""
    if isinstance(rates, str):
        if not rates.strip():
            raise SyntaxError("The rates of a PoissonGroup cannot be an empty expression.")
        return rates
    rates = as_number_or_quantity(rates)
    try:
        values = np.asarray(rates)
    except (TypeError, ValueError):
        values = None
    if values is None or values.dtype.kind not in "biuf":
        raise TypeError(f"The rates of a PoissonGroup have to be a rate, an array of rates or a code string, "
                        f"got {rates!r}.")
    if not have_same_dimensions(rates, Hz):
        raise DimensionMismatchError("Function '__init__' expected a quantity with unit hertz for argument 'rates' "
                                     f"but got '{_value_text(rates)}'",
                                     get_dimensions(rates))
    return rates


def _value_text(value):
    """A value as Brian2 shows it in this message (plain numbers as dimensionless quantities, '5.')."""
    if not hasattr(value, "dim"):
        value = Quantity(np.asarray(value, dtype=float), force_quantity=True)
    return short_str(value)


def _single_line(expression):
    """The expression on one line, so that it fits one equation of the model."""
    return " ".join(expression.split())
