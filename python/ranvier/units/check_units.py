"""The ``@check_units`` decorator: declares the units a function's arguments and result must have."""

import functools
import inspect

import numpy as np

from .dimension import DIMENSIONLESS, Dimension
from .dimension_checks import get_dimensions, have_same_dimensions, short_str
from .errors import DimensionMismatchError
from .quantity import Quantity
from .registry import get_unit_for_display


def check_units(**expected):
    """Decorator checking the units of a function's arguments (and of its result, ``result=``).

    Each keyword names an argument and gives what it must be: a unit or quantity (its dimension
    counts, ``I=amp``), ``1`` for a dimensionless value, ``bool`` for a boolean flag, the name of
    another argument whose unit it must share (``y='x'``), or None for no check. Arguments passed
    as None are not checked. A mismatch raises DimensionMismatchError (TypeError for flags).
    """
    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def checked(*args, **kwargs):
            arguments = _named_arguments(signature.bind(*args, **kwargs))
            for name, value in arguments.items():
                if name in expected and name != "result":
                    _check_argument(function.__name__, name, value, expected[name], arguments)
            result = function(*args, **kwargs)
            if expected.get("result") is not None:
                _check_result(function.__name__, result, expected["result"])
            return result

        checked._orig_func = function
        checked._arg_units = {name: unit for name, unit in expected.items() if name != "result"}
        checked._return_unit = expected.get("result")
        return checked
    return decorate


def _named_arguments(bound):
    """Arguments by name, with the entries of a ``**kwargs`` parameter spread out."""
    arguments = {}
    for name, value in bound.arguments.items():
        kind = bound.signature.parameters[name].kind
        if kind is inspect.Parameter.VAR_KEYWORD:
            arguments.update(value)
        else:
            arguments[name] = value
    return arguments


def _check_argument(function_name, name, value, requirement, arguments):
    # A string is code to be evaluated later (e.g. `G.v = 'rand()*mV'`), checked when it runs.
    if requirement is None or value is None or isinstance(value, str):
        return
    if _is_boolean_type(requirement):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"Function '{function_name}' expected a boolean value for argument "
                            f"'{name}' but got '{value}'")
        return
    if isinstance(requirement, str):
        _check_same_as(function_name, name, value, requirement, arguments)
        return
    if not have_same_dimensions(value, _dimension_of(requirement)):
        raise DimensionMismatchError(
            f"Function '{function_name}' expected a quantity with unit "
            f"{_requirement_text(requirement)} for argument '{name}' but got '{_value_text(value)}'",
            get_dimensions(value))


def _check_same_as(function_name, name, value, other_name, arguments):
    if other_name not in arguments:
        return
    other = arguments[other_name]
    if other is not None and not have_same_dimensions(value, other):
        raise DimensionMismatchError(
            f"Function '{function_name}' expected the argument '{name}' to have the same units "
            f"as argument '{other_name}', but argument '{name}' has unit "
            f"{get_unit_for_display(get_dimensions(value))}, while argument '{other_name}' has "
            f"unit {get_unit_for_display(get_dimensions(other))}.")


def _check_result(function_name, result, requirement):
    if _is_boolean_type(requirement):
        return
    expected_dim = _dimension_of(requirement)
    if not have_same_dimensions(result, expected_dim):
        raise DimensionMismatchError(
            f"The return value of function '{function_name}' was expected to have unit "
            f"{get_unit_for_display(expected_dim)} but was '{_value_text(result)}'",
            get_dimensions(result))


def _dimension_of(requirement):
    if isinstance(requirement, Dimension):
        return requirement
    if not hasattr(requirement, "dim") and requirement == 1:
        return DIMENSIONLESS
    return get_dimensions(requirement)


def _requirement_text(requirement):
    if hasattr(requirement, "dispname"):
        return repr(requirement)
    return get_unit_for_display(_dimension_of(requirement))


def _is_boolean_type(requirement):
    # ``from numpy import *`` shadows the builtin bool with numpy's, so accept both.
    return requirement is bool or requirement is np.bool_


def _value_text(value):
    """A value as shown in messages; plain numbers look like dimensionless quantities ('1.')."""
    if get_dimensions(value) is DIMENSIONLESS:
        value = Quantity(np.asarray(value, dtype=float), force_quantity=True)
    return short_str(value)
