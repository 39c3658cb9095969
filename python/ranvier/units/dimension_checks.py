"""Asking any value for its dimension, and the shared check that two values' dimensions fit."""

import numbers

import numpy as np

from .dimension import DIMENSIONLESS, Dimension
from .errors import DimensionMismatchError

_PLAIN_NUMBER_TYPES = (numbers.Number, np.number, np.bool_, np.ndarray)


def get_dimensions(obj):
    """The `Dimension` of any value: a Quantity's own, `DIMENSIONLESS` for plain numbers and arrays,
    and the common dimension of a (nested) list of quantities. Raises TypeError for values that
    have no dimension at all, such as strings."""
    dim = getattr(obj, "dim", None)
    if isinstance(dim, Dimension):
        return dim
    if isinstance(obj, _PLAIN_NUMBER_TYPES):
        return DIMENSIONLESS
    from .quantity import Quantity  # a list's dimension needs the Quantity constructor's rules

    try:
        return get_dimensions(Quantity(obj))
    except TypeError:
        raise TypeError(f"Object of type {type(obj)} does not have dimensions") from None


def is_dimensionless(obj):
    """True when ``obj`` is a plain number/array or a dimensionless quantity."""
    return get_dimensions(obj) is DIMENSIONLESS


def have_same_dimensions(obj1, obj2):
    """True when both values have the same dimension (plain numbers count as dimensionless)."""
    dim1 = get_dimensions(obj1)
    dim2 = get_dimensions(obj2)
    return dim1 is dim2 or dim1 == dim2


def is_scalar_type(obj):
    """True for a single plain number (or a dimensionless 0-d array): something usable as a bare
    scalar without units."""
    try:
        return obj.ndim == 0 and is_dimensionless(obj)
    except AttributeError:
        return np.isscalar(obj) and not isinstance(obj, str)


def short_str(value):
    """A compact rendering of a value for error messages: long arrays are elided."""
    with np.printoptions(edgeitems=2, threshold=5):
        return str(np.asanyarray(value))


def is_unitless_zero(obj, dim):
    """Whether ``obj`` is a dimensionless all-zero value, which fits any dimension in additions
    and comparisons (``3*mV + 0`` and ``v > 0`` are fine, as in Brian2)."""
    return dim is DIMENSIONLESS and bool(np.all(np.asarray(obj) == 0))


def all_infinite(value):
    """Whether ``value`` consists of infinities only (``v < inf`` makes sense for any unit)."""
    try:
        return bool(np.all(np.isinf(value)))
    except TypeError:
        return False


def fail_for_dimension_mismatch(obj1, obj2=None, error_message=None, **error_values):
    """Raise `DimensionMismatchError` unless ``obj1`` and ``obj2`` have the same dimension
    (``obj2=None`` means "must be dimensionless"). A dimensionless zero fits anything.

    ``error_message`` may hold ``{name}`` fields that are filled with short renderings of the
    values passed as keywords; they are only rendered when the check fails.
    Returns both dimensions.
    """
    dim1 = get_dimensions(obj1)
    dim2 = DIMENSIONLESS if obj2 is None else get_dimensions(obj2)
    if dim1 is dim2 or dim1 == dim2:
        return dim1, dim2
    if is_unitless_zero(obj1, dim1) or is_unitless_zero(obj2, dim2):
        return dim1, dim2
    message = "Dimension mismatch" if error_message is None else error_message.format(
        **{name: short_str(value) for name, value in error_values.items()})
    # A target that is itself a unit or dimension is usually named in the message already.
    if obj2 is None or _names_its_unit(obj2):
        raise DimensionMismatchError(message, dim1)
    raise DimensionMismatchError(message, dim1, dim2)


def _names_its_unit(obj):
    return isinstance(obj, Dimension) or hasattr(obj, "dispname")
