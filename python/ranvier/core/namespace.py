"""Resolving the external names a model or code string uses (``tau``, ``v0_max``, ``mV``...).

Brian2's rule, followed here: a name is looked up, in this order, in the default constants (pi, e,
inf), the default units, the group's own ``namespace=`` dict, and finally the run namespace, which is
either the ``namespace=`` dict given to `run()` or, when none is given, the locals and then the
globals of the frame that called `run()` (or that assigned a string to a variable). Only numbers,
scalar quantities and TimedArrays (functions called in code) are used; other objects with the same
name (strings, functions, modules) are skipped. When several places define a name differently, the first one wins and a warning says so.
"""

import math
import numbers
import warnings

import numpy as np

from . import engine
from .quantities import exponents_of
from ..input.timedarray import TimedArray
from ..units import all_units, get_dimensions

#: Constants always available in code strings, under the names Brian2 gives them.
DEFAULT_CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf}


class FrameNamespace:
    """The names visible in a Python frame: its locals first, then its globals (not builtins)."""

    def __init__(self, frame):
        self._locals = frame.f_locals
        self._globals = frame.f_globals

    def __contains__(self, name):
        return name in self._locals or name in self._globals

    def __getitem__(self, name):
        if name in self._locals:
            return self._locals[name]
        return self._globals[name]


def run_namespace_for(frame, explicit_namespace):
    """The run namespace: the explicit ``namespace=`` mapping if given, else the frame's names."""
    if explicit_namespace is None:
        return FrameNamespace(frame)
    if not hasattr(explicit_namespace, "__contains__") or not hasattr(explicit_namespace, "__getitem__"):
        raise TypeError(f"namespace has to be a dict (name -> value), got {type(explicit_namespace).__name__}.")
    return explicit_namespace


def resolve_external_names(identifiers, run_namespace, group_namespace=None, context=None):
    """Maps each identifier to ``(value in SI units as float, dimension exponents)``, or to the
    `TimedArray` it names.

    Raises KeyError (Brian2's wording) for a name found nowhere, KeyError for a non-scalar array and
    TypeError for a non-real value. `context` (e.g. a group name) is used in the conflict warning.
    """
    places = [("constants", DEFAULT_CONSTANTS), ("units", all_units)]
    if group_namespace is not None:
        places.append(("group-specific", group_namespace))
    places.append(("run", run_namespace))
    return {name: _resolve_one(name, places, context) for name in identifiers}


def engine_namespace(resolved):
    """Builds the engine namespace handle holding the resolved values."""
    handle = engine.api.namespace_create()
    for name, entry in resolved.items():
        if isinstance(entry, TimedArray):
            _set_timed_array(handle, name, entry)
        else:
            engine.api.namespace_set(handle, name, *entry)
    return handle


def _set_timed_array(handle, name, table):
    values = table.values
    columns = values.shape[1] if values.ndim == 2 else 0
    engine.api.namespace_set_timed_array(handle, name, np.ascontiguousarray(values).tobytes(), values.shape[0],
                                         columns, table.dt, exponents_of(table.dim))


def resolve_into_engine_namespace(identifiers, run_namespace, group_namespace=None, context=None):
    """`resolve_external_names` followed by `engine_namespace`."""
    resolved = resolve_external_names(identifiers, run_namespace, group_namespace, context)
    return engine_namespace(resolved)


def _resolve_one(name, places, context):
    matches = [(place, namespace[name]) for place, namespace in places
               if name in namespace and _can_be_a_value(namespace[name])]
    if not matches:
        raise KeyError(f'The identifier "{name}" could not be resolved.')
    chosen_place, chosen = matches[0]
    converted = _as_engine_value(name, chosen)
    _warn_about_conflicts(name, chosen_place, converted, matches[1:], context)
    return converted


def _can_be_a_value(obj):
    return isinstance(obj, (numbers.Number, np.ndarray, np.generic, TimedArray))


def _as_engine_value(name, obj):
    if isinstance(obj, TimedArray):
        return obj
    array = np.asarray(obj)
    if array.shape != ():
        raise KeyError(f"Variable {name} was found in the namespace, but is not a scalar value")
    if array.dtype.kind not in "biuf":
        raise TypeError(f"The identifier \"{name}\" refers to a value of type {array.dtype} "
                        f"({obj!r}); only real numbers and quantities can be used in code.")
    return float(array), exponents_of(get_dimensions(obj))


def _warn_about_conflicts(name, chosen_place, chosen_value, other_matches, context):
    for place, obj in other_matches:
        try:
            other_value = _as_engine_value(name, obj)
        except (KeyError, TypeError):
            other_value = None
        if other_value != chosen_value:
            where = f" in the context of '{context}'" if context else ""
            warnings.warn(f'The name "{name}" refers to different objects in different namespaces '
                          f"used for resolving names{where}. Using the one from the {chosen_place} "
                          f"namespace (ignoring the one from the {place} namespace).", stacklevel=4)
            return
