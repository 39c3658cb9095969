"""`TimedArray`: a function of time given by samples, callable from code strings as in Brian2.

``ta = TimedArray(values, dt)`` is called as ``ta(t)`` in code (``ta(t, i)`` for a two-dimensional
array, rows being times and columns indices). The engine evaluates the calls during runs; the
object holds the values and can be called from Python too, with Quantities.

Which sample applies at a time follows Brian2 (the engine's `TimedArray` documents the rule): the
time is rounded on a grid finer than `dt` by Brian2's upsampling factor for the clock's time step,
times before the first sample or after the last get the first or the last value.
"""

import math

import numpy as np

from ..core.clock import defaultclock
from ..core.names import claim_name
from ..units import DimensionMismatchError, Quantity, get_dimensions, second
from ..units.dimension import DIMENSIONLESS


class TimedArray:
    """A function of time from an array of `values` (a 1-D or 2-D array or Quantity) spaced `dt`
    apart; the first axis of a 2-D array is the time. The name defaults to ``_timedarray``,
    ``_timedarray_1``... as in Brian2.
    """

    def __init__(self, values, dt, name=None):
        if get_dimensions(dt) != second.dim:
            raise DimensionMismatchError("Function '__init__' expected a quantity with unit second for argument "
                                         f"'dt' but got '{dt}'", get_dimensions(dt))
        self.name = claim_name("_timedarray*" if name is None else name, self)
        self.dim = get_dimensions(values)
        self.values = np.array(values, dtype=np.float64)
        if self.values.ndim not in (1, 2):
            raise NotImplementedError("Only 1d and 2d arrays are supported for TimedArray")
        if self.values.size == 0:
            raise ValueError("A TimedArray needs at least one value.")
        self.dt = float(dt)
        if not (self.dt > 0 and math.isfinite(self.dt)):
            raise ValueError(f"The dt of a TimedArray must be a positive time, got {dt}")

    def __call__(self, t, *i):
        """The value at time(s) `t` (and index/indices `i` for a 2-D array), as Brian2's numpy code
        computes it (with the default clock's time step for the rounding)."""
        arity = self.values.ndim
        if 1 + len(i) != arity:
            raise TypeError(f"The TimedArray '{self.name}' takes {arity} argument{'s' if arity > 1 else ''} "
                            f"({'t, i' if arity == 2 else 't'}), but {1 + len(i)} were given.")
        if get_dimensions(t) != second.dim:
            raise DimensionMismatchError(f"Function '{self.name}' expected a quantity with unit second for argument "
                                         f"'t' but got '{t}'", get_dimensions(t))
        rows = self._rows_at(np.asarray(t, dtype=np.float64))
        if arity == 1:
            return Quantity(self.values[rows], dim=self.dim)
        if get_dimensions(i[0]) != DIMENSIONLESS:
            raise DimensionMismatchError(f"Function '{self.name}' expected a quantity with unit 1 for argument "
                                         f"'i' but got '{i[0]}'", get_dimensions(i[0]))
        return Quantity(self.values[rows, np.asarray(i[0])], dim=self.dim)

    def _rows_at(self, seconds):
        ratio = 8 / defaultclock.dt_ * self.dt
        upsampling = 1 if not ratio > 1 else 2 ** min(math.ceil(math.log2(ratio)), 52)
        with np.errstate(invalid="ignore"):
            steps = np.round(seconds / (self.dt / upsampling)) / upsampling
            representable = np.abs(steps) < 9.2e18  # false for NaN: such times take the first sample
            rows = np.where(representable, np.trunc(np.where(representable, steps, 0)), 0).astype(np.int64)
        return np.clip(rows, 0, len(self.values) - 1)

    def __repr__(self):
        return f"TimedArray(values of shape {self.values.shape}, dt={self.dt * second}, name='{self.name}')"
