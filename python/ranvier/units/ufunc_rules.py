"""How each numpy ufunc treats physical dimensions.

`output_dimensions` checks the inputs of a ufunc call and says which dimension each output has;
`Quantity.__array_ufunc__` then runs the ufunc on plain arrays and attaches those dimensions. One
table below sorts the ufuncs into families; a ufunc in no family works on dimensionless values only.
"""

import numpy as np

from .dimension import DIMENSIONLESS
from .dimension_checks import all_infinite, fail_for_dimension_mismatch, get_dimensions


class _PlainResult:
    """Marks an output that is returned exactly as numpy computed it (booleans, indices...)."""

    def __repr__(self):
        return "PLAIN"


#: Output marker: hand the numpy result back untouched, without units.
PLAIN = _PlainResult()

_MATCHING_MESSAGE = "Cannot calculate {value1} %s {value2}, the units do not match"
_DIMENSIONLESS_MESSAGE = "%s expects a dimensionless argument but got {value}"


def _require_matching(name, first, second):
    fail_for_dimension_mismatch(first, second, _MATCHING_MESSAGE % name,
                                value1=first, value2=second)


def _require_dimensionless(name, value):
    fail_for_dimension_mismatch(value, None, _DIMENSIONLESS_MESSAGE % name, value=value)


def _common_dimension(dims):
    # With a unitless zero on one side (allowed by the check) the other side's dimension wins.
    return next((dim for dim in dims if dim is not DIMENSIONLESS), DIMENSIONLESS)


def _plain_outputs(name, inputs, dims, nout):
    return (PLAIN,) * nout


def _keep_first(name, inputs, dims, nout):
    return (dims[0],) * nout


def _matching_keep(name, inputs, dims, nout):
    for other in inputs[1:]:
        _require_matching(name, inputs[0], other)
    return (_common_dimension(dims),)


def _matching_plain(name, inputs, dims, nout):
    _require_matching(name, inputs[0], inputs[1])
    return (PLAIN,)


def _comparison(name, inputs, dims, nout):
    # Comparing against an unbounded plain number (v < inf) is meaningful for any unit.
    if not any(dim is DIMENSIONLESS and all_infinite(value) for value, dim in zip(inputs, dims)):
        _require_matching(name, inputs[0], inputs[1])
    return (PLAIN,)


def _dimensionless_only(name, inputs, dims, nout):
    for value in inputs:
        _require_dimensionless(name, value)
    return (PLAIN,) * nout


def _product(name, inputs, dims, nout):
    return (dims[0] * dims[1],)


def _quotient(name, inputs, dims, nout):
    return (dims[0] / dims[1],)


def _fixed_power(exponent):
    def rule(name, inputs, dims, nout):
        return (dims[0] ** exponent,)
    return rule


def _power(name, inputs, dims, nout):
    base, exponent = inputs
    fail_for_dimension_mismatch(
        exponent, None, "The exponent for a power operation has to be dimensionless but was {value}",
        value=exponent)
    if dims[0] is DIMENSIONLESS:
        return (DIMENSIONLESS,)
    exponent = np.asarray(exponent)
    if exponent.size != 1:
        raise TypeError("Only a single exponent can raise a quantity with units to a power "
                        f"(got an array of shape {exponent.shape}): the result's unit would vary")
    return (dims[0] ** exponent.reshape(()).item(),)


def _second_dimensionless_keep_first(name, inputs, dims, nout):
    _require_dimensionless(name, inputs[1])
    return (dims[0],)


def _second_dimensionless_plain(name, inputs, dims, nout):
    _require_dimensionless(name, inputs[1])
    return (PLAIN,)


def _divmod(name, inputs, dims, nout):
    _require_matching(name, inputs[0], inputs[1])
    return (dims[0] / dims[1], _common_dimension(dims))


def _integer_only(name, inputs, dims, nout):
    if any(dim is not DIMENSIONLESS for dim in dims):
        raise TypeError(f"{name} works on integers and cannot be used on quantities with units")
    return (PLAIN,) * nout


_FAMILIES = {
    _plain_outputs: ("isfinite", "isinf", "isnan", "isnat", "signbit", "sign", "logical_not",
                     "logical_and", "logical_or", "logical_xor"),
    _keep_first: ("absolute", "fabs", "negative", "positive", "conjugate", "rint", "floor", "ceil",
                  "trunc", "spacing", "modf", "copysign"),
    _matching_keep: ("add", "subtract", "maximum", "minimum", "fmax", "fmin", "remainder", "fmod",
                     "hypot", "nextafter", "clip"),
    _matching_plain: ("arctan2",),
    _comparison: ("less", "less_equal", "greater", "greater_equal", "equal", "not_equal"),
    _dimensionless_only: ("sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh",
                          "tanh", "arcsinh", "arccosh", "arctanh", "exp", "exp2", "expm1", "log",
                          "log2", "log10", "log1p", "logaddexp", "logaddexp2", "degrees",
                          "radians", "deg2rad", "rad2deg", "frexp"),
    _product: ("multiply", "matmul", "vecdot", "matvec", "vecmat"),
    _quotient: ("divide", "floor_divide"),
    _fixed_power(0.5): ("sqrt",),
    _fixed_power(1.0 / 3.0): ("cbrt",),
    _fixed_power(2): ("square",),
    _fixed_power(-1): ("reciprocal",),
    _power: ("power", "float_power"),
    _second_dimensionless_keep_first: ("ldexp",),
    _second_dimensionless_plain: ("heaviside",),
    _divmod: ("divmod",),
    _integer_only: ("bitwise_and", "bitwise_or", "bitwise_xor", "invert", "bitwise_not",
                    "left_shift", "right_shift", "gcd", "lcm", "bitwise_count"),
}
_CALL_RULES = {name: rule for rule, names in _FAMILIES.items() for name in names}

# Reductions that keep the unit (a sum of volts is in volts), and those whose result is plain.
_UNIT_KEEPING_REDUCTIONS = frozenset(("add", "maximum", "minimum", "fmax", "fmin"))
_PLAIN_REDUCTIONS = frozenset(("logical_and", "logical_or", "logical_xor"))


def output_dimensions(ufunc, method, inputs, kwargs):
    """The dimension of each output of ``ufunc``'s ``method`` on ``inputs`` (`PLAIN` for outputs
    returned without units). Raises DimensionMismatchError or TypeError for invalid inputs and
    returns NotImplemented for inputs that have no dimension at all (e.g. strings)."""
    operands = inputs if method != "at" else inputs[:1] + inputs[2:]
    try:
        dims = [get_dimensions(value) for value in operands]
    except TypeError:
        return NotImplemented
    name = ufunc.__name__
    if method in ("__call__", "outer"):
        return _call_rule(name)(name, operands, dims, ufunc.nout)
    if method == "at":
        return _in_place_rule(name, operands, dims)
    return _reduction_rule(ufunc, method, inputs[0], dims[0], kwargs)


def _call_rule(name):
    return _CALL_RULES.get(name, _dimensionless_only)


def _in_place_rule(name, operands, dims):
    result, = _call_rule(name)(name, operands, dims, 1)
    target = dims[0]
    if result is not PLAIN and result != target:
        raise TypeError(f"{name}.at would change the unit of part of an array "
                        f"(from {target} to {result})")
    return ()


def _reduction_rule(ufunc, method, array, dim, kwargs):
    name = ufunc.__name__
    if name in _PLAIN_REDUCTIONS:
        return (PLAIN,)
    if dim is DIMENSIONLESS:
        return (DIMENSIONLESS,)
    if name in _UNIT_KEEPING_REDUCTIONS:
        return (dim,)
    if name == "multiply" and method == "reduce":
        return (dim ** reduced_count(np.shape(array), kwargs.get("axis", 0)),)
    raise TypeError(f"{name}.{method} cannot be used on quantities with units "
                    f"(the result would not have a single unit)")


def reduced_count(shape, axis):
    """How many elements a reduction over ``axis`` combines into each result."""
    if axis is None:
        return int(np.prod(shape, dtype=np.int64))
    axes = axis if isinstance(axis, tuple) else (axis,)
    return int(np.prod([shape[a] for a in axes], dtype=np.int64))
