"""`PopulationRateMonitor`: the population rate of a group in every time step."""

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.quantities import scalar_seconds
from ..groups.group import Group
from ..units import Hz
from .recorded import recorded_properties


class PopulationRateMonitor(EngineObject):
    """Records, at the end of every step, the fraction of `source`'s neurons that spiked divided by
    the time step: ``M.t`` and ``M.rate`` (Hz); ``M.smooth_rate(window, width)`` smooths it."""

    invalidates_magic_network = False

    def __init__(self, source, name="ratemonitor*", codeobj_class=None, dtype=np.float64):
        if codeobj_class is not None:
            raise NotImplementedError("PopulationRateMonitor does not support the argument codeobj_class.")
        if np.dtype(dtype) != np.float64:
            raise NotImplementedError("PopulationRateMonitor records in float64 only.")
        if not isinstance(source, Group):
            raise TypeError(f"PopulationRateMonitor can only record from a group, not from {type(source).__name__}.")
        super().__init__(engine.api.ratemonitor_create(source.handle), name, "end", 0)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "_dependencies", (source,))

    t, t_ = recorded_properties("t", "Start time of every recorded step")
    rate, rate_ = recorded_properties("rate", "Population rate of every recorded step (Hz)")

    @property
    def N(self):
        """Number of recorded steps."""
        return len(self.t_)

    def __len__(self):
        return self.N

    def smooth_rate(self, window="gaussian", width=None):
        """The rate convolved with a normalised window, one value per recorded step.

        ``window='flat'``: a rectangle `width` wide, rounded to an odd number of steps so the rate
        is not shifted. ``window='gaussian'``: a Gaussian of standard deviation `width`, cut at two
        standard deviations on either side. Or an array with an odd number of elements (then no
        `width`).
        """
        weights = _window(window, width, self._dt())
        rates = self.rate_
        return np.convolve(rates, weights / np.sum(weights), mode="same") * Hz

    def _dt(self):
        times = self.t_
        if len(times) < 2:
            raise ValueError("smooth_rate needs at least two recorded steps.")
        return float(times[1] - times[0])

    def __repr__(self):
        return f"<PopulationRateMonitor, recording {self.source.name}>"


def _window(window, width, dt):
    if not isinstance(window, str):
        if width is not None:
            raise TypeError("Do not specify a width when giving the window as an array.")
        weights = np.asarray(window, dtype=float)
        if weights.ndim != 1 or len(weights) % 2 != 1:
            raise TypeError("The window has to be a one-dimensional array with an odd number of elements.")
        return weights
    if width is None:
        raise TypeError("smooth_rate needs the width of the window.")
    width_steps = scalar_seconds(width, "The width of the window") / dt
    if window == "flat":
        steps = int(round(width_steps))
        return np.ones(steps + 1 if steps % 2 == 0 else steps)
    if window == "gaussian":
        half = int(round(2 * width_steps))
        offsets = np.arange(-half, half + 1)
        return np.exp(-0.5 * (offsets / width_steps) ** 2)
    raise NotImplementedError(f"Unknown pre-defined window '{window}', use 'flat' or 'gaussian'.")
