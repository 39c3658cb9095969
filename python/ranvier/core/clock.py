"""Clocks: time steps and times.

Every object runs on the `defaultclock` unless given a clock of its own (``dt=`` or ``clock=`` on a
StateMonitor, a network operation or ``run_regularly``). A `Clock` other than the default one is an
engine clock; the network advances several clocks as Brian2 does. The default clock's time is the
time of the network that last ran, so `defaultclock.t` reports that network's time.
"""

import math

from . import engine
from ..units import ms, second
from .names import claim_name
from .quantities import scalar_seconds


class Clock:
    """A time step ``dt`` (settable between runs) and the time ``t`` reached on it."""

    def __init__(self, dt, name="clock*"):
        self.name = claim_name(name, self)
        self._dt = None
        self._last_network = None
        self._engine_clock = None
        self.dt = dt

    @property
    def dt(self):
        """The time step, a Quantity in seconds."""
        return self._dt * second

    @dt.setter
    def dt(self, value):
        self._dt = _checked_time_step(value)
        if self._engine_clock is not None:
            engine.api.clock_set_dt(self._engine_clock, self._dt)

    @property
    def dt_(self):
        """The time step in seconds, as a float."""
        return self._dt

    @property
    def t(self):
        """The clock's current time (0 s before any run)."""
        return self.t_ * second

    @property
    def t_(self):
        """`t` in seconds, as a float."""
        if self._engine_clock is not None:
            dt, timestep = engine.api.clock_state(self._engine_clock)
            return timestep * dt
        return 0.0 if self._last_network is None else self._last_network.t_

    @property
    def _handle(self):
        """The engine clock objects run on (None for the network's default clock)."""
        if self._engine_clock is None:
            self._engine_clock = engine.api.clock_create(self._dt)
        return self._engine_clock

    def _ran_in(self, network):
        self._last_network = network

    def __repr__(self):
        return f"Clock(dt={self.dt!r}, name={self.name!r})"


class DefaultClock(Clock):
    """The clock of every object without its own: the engine network's default clock."""

    @property
    def _handle(self):
        return None

    @property
    def t_(self):
        """The last network's default clock: a whole number of steps (Brian2's defaultclock.t, a
        fraction of a step after the network's t when a run ended between steps)."""
        return 0.0 if self._last_network is None else self._last_network._default_clock_time()


def clock_for(dt, clock, owner_name):
    """The clock of an object created with ``dt=`` or ``clock=`` (Brian2's rules): a new clock for
    `dt`, the given one, or the `defaultclock`."""
    if dt is not None and clock is not None:
        raise ValueError("Can only specify either a dt or a clock, not both.")
    if dt is not None:
        return Clock(dt=dt, name=f"{owner_name}_clock*")
    if clock is not None and not isinstance(clock, Clock):
        raise TypeError(f"clock has to be a Clock, got {type(clock).__name__}.")
    return clock if clock is not None else defaultclock


def _checked_time_step(value):
    seconds = scalar_seconds(value, "dt")
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(f"dt has to be a positive, finite time, got {value!r}.")
    return seconds


#: The clock used by every object: ``defaultclock.dt = 0.05*ms`` changes the time step of later runs.
defaultclock = DefaultClock(dt=0.1 * ms, name="defaultclock")
