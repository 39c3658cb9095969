"""Unit-aware versions of numpy functions that are not ufuncs.

numpy hands calls such as ``np.concatenate([a, b])`` with quantity arguments to
``Quantity.__array_function__``, which runs the version registered here, or numpy's own code
(which mostly works through ufuncs and so keeps units) for functions not listed.
"""

import numpy as np

from .dimension import DIMENSIONLESS
from .dimension_checks import fail_for_dimension_mismatch, get_dimensions, is_unitless_zero
from .errors import DimensionMismatchError
from .quantity import ARRAY_FUNCTION_OVERRIDES, Quantity


def _implements(*numpy_functions):
    def register(function):
        for numpy_function in numpy_functions:
            ARRAY_FUNCTION_OVERRIDES[numpy_function] = function
        return function
    return register


def shared_dimension(values, message):
    """The dimension all ``values`` share (unitless zeros fit any); raises DimensionMismatchError
    with ``message`` and the two clashing units otherwise."""
    dims = [get_dimensions(value) for value in values]
    dim = next((d for d in dims if d is not DIMENSIONLESS), DIMENSIONLESS)
    for value, value_dim in zip(values, dims):
        if value_dim != dim and not is_unitless_zero(value, value_dim):
            raise DimensionMismatchError(message, dim, value_dim)
    return dim


def _plain(value):
    return np.asarray(value) if isinstance(value, np.ndarray) else value


def _plain_sequence(values):
    return [_plain(value) for value in values]


def _joining(numpy_function):
    def join(arrays, *args, **kwargs):
        arrays = list(arrays)
        dim = shared_dimension(arrays, "Joined arrays need matching units")
        return Quantity(numpy_function(_plain_sequence(arrays), *args, **kwargs), dim=dim)
    join.__name__ = numpy_function.__name__
    join.__doc__ = f"``numpy.{numpy_function.__name__}`` for quantities of one unit."
    return join


for _function in (np.concatenate, np.stack, np.hstack, np.vstack, np.dstack, np.column_stack):
    _implements(_function)(_joining(_function))


@_implements(np.append)
def append(arr, values, axis=None):
    """``numpy.append`` for quantities of one unit."""
    dim = shared_dimension([arr, values], "Appended values need the array's unit")
    return Quantity(np.append(_plain(arr), _plain(values), axis=axis), dim=dim)


@_implements(np.sinc)
def sinc(x):
    """``numpy.sinc`` of a dimensionless value."""
    fail_for_dimension_mismatch(x, None, "sinc expects a dimensionless argument but got {value}",
                                value=x)
    return np.sinc(_plain(x))


@_implements(np.where)
def where(condition, *values):
    """``numpy.where``; the two value arrays need the same unit, which the result keeps."""
    if not values:
        return np.where(_plain(condition))
    dim = shared_dimension(values, "Both value arrays given to where need the same unit")
    return Quantity(np.where(_plain(condition), *_plain_sequence(values)), dim=dim)


def _multiplying(numpy_function):
    def product(a, b, *args, **kwargs):
        dim = get_dimensions(a) * get_dimensions(b)
        return Quantity(numpy_function(_plain(a), _plain(b), *args, **kwargs), dim=dim)
    product.__name__ = numpy_function.__name__
    product.__doc__ = f"``numpy.{numpy_function.__name__}``; the units multiply."
    return product


for _function in (np.dot, np.inner, np.outer, np.vdot, np.tensordot, np.kron, np.cross):
    _implements(_function)(_multiplying(_function))


@_implements(np.interp)
def interp(x, xp, fp, left=None, right=None, period=None):
    """``numpy.interp``: ``x`` and ``xp`` share a unit; the result has the unit of ``fp``."""
    shared_dimension([x, xp] + ([period] if period is not None else []),
                     "interp needs x and xp (and period) in the same unit")
    fp_dim = shared_dimension([fp] + [v for v in (left, right) if v is not None],
                              "interp needs fp, left and right in the same unit")
    result = np.interp(_plain(x), _plain(xp), _plain(fp), left=_plain(left), right=_plain(right),
                       period=_plain(period))
    return Quantity(result, dim=fp_dim)


def _closeness(numpy_function):
    def close(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
        dim = shared_dimension([a, b], f"{numpy_function.__name__} compares values of one unit")
        if get_dimensions(atol) is not DIMENSIONLESS:
            fail_for_dimension_mismatch(atol, dim, "The tolerance atol needs the compared unit")
        return numpy_function(_plain(a), _plain(b), rtol=rtol, atol=_plain(atol),
                              equal_nan=equal_nan)
    close.__name__ = numpy_function.__name__
    close.__doc__ = (f"``numpy.{numpy_function.__name__}`` for quantities of one unit; a plain "
                     "``atol`` is in SI units.")
    return close


for _function in (np.isclose, np.allclose):
    _implements(_function)(_closeness(_function))


@_implements(np.linspace)
def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, **kwargs):
    """``numpy.linspace`` between two values of one unit: ``linspace(0*ms, 10*ms, 5)``."""
    dim = shared_dimension([start, stop], "linspace needs start and stop in the same unit")
    result = np.linspace(_plain(start), _plain(stop), num, endpoint=endpoint, retstep=retstep,
                         dtype=dtype, axis=axis, **kwargs)
    if retstep:
        values, step = result
        return Quantity(values, dim=dim), Quantity(step, dim=dim)
    return Quantity(result, dim=dim)
