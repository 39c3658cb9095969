"""Conversions between the engine's plain numbers (SI values plus seven dimension exponents) and the
unit-aware values users see (`Quantity`, `Dimension`)."""

import numpy as np

from ..units import (DIMENSIONLESS, Dimension, DimensionMismatchError, Quantity, fail_for_dimension_mismatch,
                     get_dimensions, get_unit, second)


def dimension_from_exponents(exponents):
    """The `Dimension` with the given seven exponents (m, kg, s, A, K, mol, cd)."""
    return Dimension(tuple(exponents))


def exponents_of(dimension):
    """The seven exponents of a `Dimension`, as floats (what the engine expects)."""
    return tuple(float(e) for e in dimension.exponents)


def with_dimension(values, dimension):
    """`values` as a Quantity of `dimension`, or unchanged when dimensionless (as Brian2 returns
    plain arrays and numbers for dimensionless variables). Does not copy."""
    if dimension == DIMENSIONLESS:
        return values
    return Quantity(values, dim=dimension)


def as_number_or_quantity(value):
    """`value` with a list of quantities turned into one Quantity (plain values are unchanged)."""
    if isinstance(value, (list, tuple)) and any(isinstance(v, Quantity) for v in value):
        return Quantity(value)
    return value


def check_assignment_dimension(name, expected, value):
    """Raises DimensionMismatchError (Brian2's message) unless `value` fits variable `name` of
    dimension `expected`; a plain 0 fits any dimension."""
    if expected == DIMENSIONLESS:
        message = f"{name} should be set with a dimensionless value, but got {{value}}"
    else:
        message = f"{name} should be set with a value with units {get_unit(expected)!r}, but got {{value}}"
    fail_for_dimension_mismatch(value, expected, message, value=value)


def scalar_seconds(value, what):
    """The SI value of a scalar time quantity; `what` names the argument in error messages."""
    dimension = get_dimensions(value)
    if dimension != second.dim:
        raise DimensionMismatchError(f"{what} has to be a quantity with unit second, but got '{value}'",
                                     dimension)
    seconds = np.asarray(value, dtype=float)
    if seconds.shape != ():
        raise ValueError(f"{what} has to be a single time value, got an array of shape {seconds.shape}.")
    return float(seconds)
