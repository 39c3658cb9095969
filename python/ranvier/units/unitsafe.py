"""The numpy-like functions that Brian2 exports in unit-aware versions.

``from ranvier import *`` brings these in, shadowing numpy's functions of the same names. Most are
numpy's own ufuncs and functions, which already check units when given quantities; the others are
defined here.
"""

import numpy as np

from .array_functions import shared_dimension
from .dimension_checks import fail_for_dimension_mismatch, get_dimensions
from .quantity import Quantity

# numpy's ufuncs reject quantities with units (DimensionMismatchError) through Quantity.
log, log10, exp, expm1, log1p = np.log, np.log10, np.exp, np.expm1, np.log1p
sin, cos, tan, arcsin, arccos, arctan = np.sin, np.cos, np.tan, np.arcsin, np.arccos, np.arctan
sinh, cosh, tanh = np.sinh, np.cosh, np.tanh
arcsinh, arccosh, arctanh = np.arcsinh, np.arccosh, np.arctanh
# These dispatch to the unit-aware versions in array_functions when given quantities.
dot, where, linspace, concatenate = np.dot, np.where, np.linspace, np.concatenate
concat = np.concatenate

__all__ = ["log", "log10", "exp", "expm1", "log1p", "exprel", "sin", "cos", "tan", "arcsin",
           "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
           "diagonal", "ravel", "trace", "dot", "where", "ones_like", "zeros_like", "arange",
           "linspace", "ptp", "concat", "concatenate"]


def exprel(x):
    """``(exp(x) - 1) / x`` for a dimensionless ``x``, accurate near 0 and equal to 1 at 0."""
    fail_for_dimension_mismatch(
        x, None, "Function 'exprel' expected a quantity with unit 1 for argument 'x' but got "
                 "'{value}'", value=x)
    x = np.asarray(x, dtype=float)
    safe_x = np.where(x == 0, 1.0, x)
    result = np.where(x == 0, 1.0, np.expm1(safe_x) / safe_x)
    return result if result.ndim else result.item()


def ones_like(a, *args, **kwargs):
    """An array of (dimensionless) ones shaped like ``a``."""
    return np.ones_like(np.asarray(a), *args, **kwargs)


def zeros_like(a, *args, **kwargs):
    """An array of (dimensionless) zeros shaped like ``a``."""
    return np.zeros_like(np.asarray(a), *args, **kwargs)


def _keeping_unit(numpy_function):
    def keep(a, *args, **kwargs):
        return Quantity(numpy_function(np.asarray(a), *args, **kwargs), dim=get_dimensions(a))
    keep.__name__ = numpy_function.__name__
    keep.__doc__ = f"``numpy.{numpy_function.__name__}`` that keeps the unit of its argument."
    return keep


diagonal = _keeping_unit(np.diagonal)
ravel = _keeping_unit(np.ravel)
trace = _keeping_unit(np.trace)
ptp = _keeping_unit(np.ptp)


def arange(*args, **kwargs):
    """``numpy.arange`` for start, stop and step in one unit: ``arange(0*ms, 3*ms, 1*ms)``.
    As in Brian2, the step is not optional for values with units (its default 1 has none)."""
    bound_names = [name for name in ("start", "stop", "step") if name in kwargs]
    bounds = list(args) + [kwargs[name] for name in bound_names]
    step_given = len(args) >= 3 or "step" in kwargs
    dim = shared_dimension(bounds + ([] if step_given else [1]),
                           "arange needs start, stop and step in the same unit (the step "
                           "defaults to 1, without unit)")
    plain_kwargs = dict(kwargs, **{name: np.asarray(kwargs[name]) for name in bound_names})
    return Quantity(np.arange(*[np.asarray(arg) for arg in args], **plain_kwargs), dim=dim)
