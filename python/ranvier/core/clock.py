"""Clocks: the simulation time step and the current time.

Ranvier simulates every object of a network with one time step, the `defaultclock`'s. The time
itself lives in the engine network that last ran, so `defaultclock.t` reports that network's time.
"""

import math

from ..units import ms, second
from .names import claim_name
from .quantities import scalar_seconds


class Clock:
    """A time step ``dt`` (settable) and the time ``t`` reached by the last run that used it."""

    def __init__(self, dt, name="clock*"):
        self.name = claim_name(name, self)
        self._dt = None
        self._last_network = None
        self.dt = dt

    @property
    def dt(self):
        """The time step, a Quantity in seconds."""
        return self._dt * second

    @dt.setter
    def dt(self, value):
        self._dt = _checked_time_step(value)

    @property
    def dt_(self):
        """The time step in seconds, as a float."""
        return self._dt

    @property
    def t(self):
        """The time reached by the last network run with this clock (0 s before any run)."""
        return self.t_ * second

    @property
    def t_(self):
        """`t` in seconds, as a float."""
        return 0.0 if self._last_network is None else self._last_network.t_

    def _ran_in(self, network):
        self._last_network = network

    def __repr__(self):
        return f"Clock(dt={self.dt!r}, name={self.name!r})"


def _checked_time_step(value):
    seconds = scalar_seconds(value, "dt")
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(f"dt has to be a positive, finite time, got {value!r}.")
    return seconds


#: The clock used by every object: ``defaultclock.dt = 0.05*ms`` changes the time step of later runs.
defaultclock = Clock(dt=0.1 * ms, name="defaultclock")
