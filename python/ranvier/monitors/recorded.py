"""Reading a monitor's recorded arrays from the engine."""

import numpy as np

from ..core import engine
from ..core.quantities import dimension_from_exponents


def recorded_view(monitor_handle, name):
    """``(zero-copy view of the recorded array, Dimension)``.

    The view is only valid until the next run (the engine may move a monitor's storage when it
    grows), so callers copy what they hand to the user.
    """
    buffer, _, _, exponents = engine.api.object_variable(monitor_handle, name)
    return np.asarray(buffer), dimension_from_exponents(tuple(exponents))


def recorded_copy(monitor_handle, name):
    """``(copy of the recorded array, Dimension)``."""
    view, dimension = recorded_view(monitor_handle, name)
    return view.copy(), dimension
