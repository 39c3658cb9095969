"""Reading a monitor's recorded arrays from the engine."""

import numpy as np

from ..core import engine
from ..core.quantities import dimension_from_exponents, with_dimension


def recorded_view(monitor_handle, name):
    """``(read-only zero-copy view of the recorded array, Dimension)``.

    The extension keeps the memory of a returned array alive even when a later run makes the
    monitor grow into new memory, so a view stays valid (it keeps showing the values recorded when
    it was taken).
    """
    buffer, _, _, exponents = engine.api.object_variable(monitor_handle, name)
    return np.asarray(buffer), dimension_from_exponents(tuple(exponents))


def recorded_properties(name, doc):
    """The pair of properties ``x`` (a Quantity, or plain numbers when dimensionless) and ``x_``
    (plain numbers in SI units) reading the monitor's recorded array `name`."""
    with_units = property(lambda monitor: with_dimension(*recorded_view(monitor.handle, name)), doc=doc + ".")
    plain = property(lambda monitor: recorded_view(monitor.handle, name)[0], doc=doc + ", as plain numbers in SI units.")
    return with_units, plain
