"""`PoissonInput`: many independent Poisson inputs onto one variable of a group, drawn in the engine
without simulating the spike trains, as in Brian2."""

import numbers

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.quantities import exponents_of
from ..units import DimensionMismatchError, Hz, check_units, get_dimensions, have_same_dimensions
from .group import Group


class PoissonInput(EngineObject):
    """Adds `N` independent Poisson inputs of rate `rate` to `target_var` of every element of `target`.

    Each step (in the 'synapses' slot by default) each element's variable grows by ``k * weight``,
    `k` being a binomial draw (`N` trials of probability ``rate*dt``), independent per element.
    `weight` is a Quantity with the unit of `target_var`, or a code string evaluated for each
    element of `target` (it may use the target's variables and external names).
    """

    @check_units(N=1, rate=Hz)
    def __init__(self, target, target_var, N, rate, weight, when="synapses", order=0):
        if not isinstance(target, Group):
            raise TypeError(f"PoissonInput can only target a group, not {type(target).__name__}.")
        if not isinstance(N, (numbers.Number, np.number)) or N < 1 or int(N) != N:
            raise ValueError(f"N has to be an integer >= 1, got {N!r}.")
        if np.size(rate) != 1:
            raise ValueError("The truth value of an array with more than one element is ambiguous. "
                             "Use a.any() or a.all()")
        if rate < 0 * Hz:
            raise ValueError(f"The rate cannot be negative, got {rate!s}.")
        info = target._variable_info(target_var) if isinstance(target_var, str) else None
        if info is None:
            raise KeyError(f"{target_var} is not a variable of {target.name}")
        if isinstance(weight, str):
            code, value, dimension = weight, 0.0, info[0]
        else:
            if not have_same_dimensions(get_dimensions(weight), info[0]):
                raise DimensionMismatchError("The provided weight does not have the same unit as the target "
                                             f"variable '{target_var}'", get_dimensions(weight), info[0])
            code, value, dimension = "", float(np.asarray(weight)), info[0]
        handle = engine.api.poissoninput_create(target.handle, target_var, int(N), float(rate), code, value,
                                                exponents_of(dimension))
        super().__init__(handle, "poissoninput*", when, order)
        for attribute, given in (("_target", target), ("_target_var", target_var), ("_N", N), ("_rate", rate),
                                 ("_weight", weight), ("_dependencies", (target,))):
            object.__setattr__(self, attribute, given)

    rate = property(lambda self: self._rate, doc="The rate of each input.")
    N = property(lambda self: self._N, doc="The number of inputs.")
    target_var = property(lambda self: self._target_var, doc="The targeted variable.")
    weight = property(lambda self: self._weight, doc="The weight of each input event.")

    @property
    def _group_namespace(self):
        return self._target._group_namespace

    def _external_names(self):
        if not isinstance(self._weight, str):
            return ()
        return engine.api.code_external_names(self._target.handle, self._weight, True)

    def __repr__(self):
        return f"PoissonInput(target={self._target.name!r}, target_var={self._target_var!r}, N={self._N}, " \
               f"rate={self._rate!r}, weight={self._weight!r})"
