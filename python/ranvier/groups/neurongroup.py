"""`NeuronGroup`: N neurons sharing one model (equations, threshold, reset, refractoriness)."""

import numbers

from ..core import engine
from ..core.clock import defaultclock
from ..core.errors import UnsupportedEquationsException
from ..core.quantities import scalar_seconds
from .group import Group
from .subgroup import Subgroup, index_bounds

#: Brian2's default list of integration methods; the engine makes the same choice when given "".
DEFAULT_METHODS = ("exact", "euler", "heun")


class NeuronGroup(Group):
    """A group of `N` neurons defined by `model` equations, as in Brian2.

    ``threshold`` and ``reset`` are code strings; ``refractory`` is a time (``5*ms``) or a code string
    (a time expression or a boolean condition). ``method`` is a method name or a sequence of names to
    try in order. Arguments Ranvier does not support yet raise NotImplementedError when given a
    value other than their default.
    """

    def __init__(self, N, model, method=DEFAULT_METHODS, method_options=None, threshold=None, reset=None,
                 refractory=False, events=None, namespace=None, dtype=None, dt=None, clock=None, order=0,
                 name="neurongroup*", codeobj_class=None):
        if isinstance(dtype, dict):
            raise NotImplementedError("NeuronGroup does not support a dtype per variable yet; give one dtype "
                                      "(float32 or float64) for all of them.")
        float_dtype = engine.float_dtype_code(dtype)
        _reject_unsupported(method_options=method_options, events=events, dt=dt,
                            codeobj_class=codeobj_class, order=None if order == 0 else order,
                            clock=None if clock is None or clock is defaultclock else clock)
        size = _checked_size(N)
        if not isinstance(model, str):
            raise TypeError(f"model has to be a string of equations, is '{type(model).__name__}' instead.")
        threshold_code = _optional_code(threshold, "threshold")
        reset_code = _optional_code(reset, "reset")
        refractory_code, refractory_seconds = _refractoriness(refractory)
        handle = _create_with_first_applicable_method(
            method, lambda chosen: engine.api.neurongroup_create(
                size, model, chosen, threshold_code, reset_code, refractory_code, refractory_seconds, float_dtype))
        super().__init__(handle, name, namespace, model=model)

    def __getitem__(self, item):
        """The subgroup ``G[a:b]`` (also ``G[a]`` or a list of contiguous indices), as in Brian2."""
        start, stop = index_bounds(item, len(self))
        return Subgroup(self, start, stop)

    def __repr__(self):
        return f"NeuronGroup({self.N}, name='{self.name}')"


def _reject_unsupported(**arguments):
    given = [name for name, value in arguments.items() if value is not None]
    if given:
        raise NotImplementedError(f"NeuronGroup does not support the argument(s) {', '.join(given)} yet.")


def _checked_size(N):
    if isinstance(N, str):
        raise TypeError("First NeuronGroup argument should be size, not equations.")
    if isinstance(N, bool) or not isinstance(N, numbers.Real) or int(N) != N:
        raise TypeError(f"The NeuronGroup size has to be an integer, got {N!r}.")
    if N < 1:
        raise ValueError(f"NeuronGroup size should be at least 1, was {N}")
    return int(N)


def _optional_code(code, argument):
    if code is None:
        return ""
    if not isinstance(code, str):
        raise TypeError(f"{argument} has to be a code string, got {type(code).__name__}.")
    return code


def _refractoriness(refractory):
    """``(code, seconds)`` for the engine: a code string, or a fixed period in seconds."""
    if refractory is False or refractory is None:
        return "", 0.0
    if isinstance(refractory, str):
        if not refractory.strip():
            raise SyntaxError("The refractory code string is empty; give a time (5*ms), a code string such as "
                              "'5*ms' or 'v > v_th', or leave refractory out.")
        return refractory, 0.0
    seconds = scalar_seconds(refractory, "The refractory period")
    if seconds < 0:
        raise ValueError(f"The refractory period cannot be negative, got {refractory!r}.")
    return "", seconds


def _create_with_first_applicable_method(method, create):
    """Calls ``create(method_name)``; for a sequence of names, returns the first that can integrate
    the equations (Brian2's rule). Brian2's default sequence is delegated to the engine as ""."""
    if isinstance(method, str):
        return create(method)
    if callable(method) or not hasattr(method, "__iter__"):
        raise NotImplementedError(f"method has to be a method name or a sequence of names, got {method!r}.")
    candidates = tuple(method)
    if candidates == DEFAULT_METHODS:
        return create("")
    if not candidates or not all(isinstance(c, str) for c in candidates):
        raise TypeError(f"method has to be a method name or a non-empty sequence of names, got {method!r}.")
    failures = []
    for candidate in candidates:
        try:
            return create(candidate)
        except UnsupportedEquationsException as error:
            failures.append(f"{candidate}: {error}")
    raise UnsupportedEquationsException("None of the integration methods can integrate the equations:\n"
                                        + "\n".join(failures))
