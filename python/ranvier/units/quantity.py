"""`Quantity`: a numpy array of values in SI units that carries its physical dimension."""

import numbers

import numpy as np

from . import ufunc_rules
from .dimension import DIMENSIONLESS, Dimension, get_or_create_dimension
from .dimension_checks import (all_infinite, fail_for_dimension_mismatch, get_dimensions,
                               is_scalar_type)
from .errors import DimensionMismatchError
from .formatting import format_in_unit
from .registry import find_best_unit

#: Unit-aware replacements for numpy functions (``np.concatenate``...), keyed by the numpy
#: function; filled in by ``array_functions``.
ARRAY_FUNCTION_OVERRIDES = {}

# dtype kinds of booleans, integers, floats and complex numbers.
_NUMERIC_KINDS = frozenset("biufc")

_COMPARISON_MESSAGE = "Cannot perform comparison {value1} %s {value2}, units do not match"


class Quantity(np.ndarray):
    """A number or array of numbers in SI units, with a physical dimension in ``.dim``.

    Usually made by multiplying with a unit (``20*mV``, ``[10, 100]*ms``). Arithmetic follows the
    rules of dimensions: adding, subtracting and comparing need equal dimensions (a plain 0 fits
    any), multiplying and dividing combine them. Results without dimension come back as plain
    numpy arrays or Python numbers, so ``(5*ms)/ms`` is ``5.0``.

    ``Quantity(values, dim=None)`` makes one directly: ``values`` are SI values, or (when ``dim``
    is None) a quantity or list of quantities whose dimension is taken over.
    """

    def __new__(cls, arr, dim=None, dtype=None, copy=False, force_quantity=False):
        dim = _dimension_argument(dim)
        if dim is DIMENSIONLESS and not force_quantity:
            values = np.array(arr, dtype=dtype) if copy else np.asarray(arr, dtype=dtype)
            return values.item() if values.shape == () else values
        if dim is None:
            dim = _inferred_dimension(arr)
        values = np.array(arr, dtype=dtype) if copy else np.asarray(arr, dtype=dtype)
        if values.dtype.kind not in _NUMERIC_KINDS:
            raise TypeError("Quantities can only be created from numerical data, "
                            f"not from values of type {values.dtype}")
        quantity = values.view(cls)
        quantity.dim = dim
        return quantity

    def __array_finalize__(self, source):
        self.dim = getattr(source, "dim", DIMENSIONLESS)

    # ----------------------------------------------------------------------------------------
    # numpy protocols

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        dims = ufunc_rules.output_dimensions(ufunc, method, inputs, kwargs)
        if dims is NotImplemented:
            return NotImplemented
        outputs = _plain_outputs(kwargs)
        if kwargs.get("initial") is not None:
            kwargs["initial"] = _initial_value(inputs[0], kwargs["initial"])
        plain_inputs = [np.asarray(value) if isinstance(value, np.ndarray) else value
                        for value in inputs]
        raw = getattr(ufunc, method)(*plain_inputs, **kwargs)
        if method == "at":
            return None
        raw_results = raw if isinstance(raw, tuple) else (raw,)
        targets = outputs if outputs is not None else (None,) * len(raw_results)
        results = tuple(_attach_dimension(result, dim, target)
                        for result, dim, target in zip(raw_results, dims, targets))
        return results if isinstance(raw, tuple) else results[0]

    def __array_function__(self, func, types, args, kwargs):
        override = ARRAY_FUNCTION_OVERRIDES.get(func)
        if override is not None:
            return override(*args, **kwargs)
        return super().__array_function__(func, types, args, kwargs)

    # ----------------------------------------------------------------------------------------
    # dimensions

    @property
    def dimensions(self):
        """The physical dimension (the same as ``.dim``)."""
        return self.dim

    @dimensions.setter
    def dimensions(self, dim):
        self.dim = dim

    @property
    def is_dimensionless(self):
        """True for a quantity without physical dimension."""
        return self.dim.is_dimensionless

    def has_same_dimensions(self, other):
        """True when ``other`` (a quantity, unit, number or array) has this quantity's dimension."""
        other_dim = get_dimensions(other)
        return self.dim is other_dim or self.dim == other_dim

    @staticmethod
    def with_dimensions(value, *args, **keywords):
        """A quantity of SI value ``value`` and the dimension given as in
        `get_or_create_dimension`, e.g. ``Quantity.with_dimensions(5, m=2)``."""
        if len(args) == 1 and isinstance(args[0], Dimension):
            dim = args[0]
        else:
            dim = get_or_create_dimension(*args, **keywords)
        return Quantity(value, dim=dim)

    # ----------------------------------------------------------------------------------------
    # display

    def in_unit(self, u, precision=None, python_code=False):
        """This value as text in unit ``u``: ``(25*mV).in_unit(volt)`` is ``'0.025 V'``.
        ``precision`` sets the digits; ``python_code`` gives an expression like ``25. * mvolt``."""
        fail_for_dimension_mismatch(self, u, 'Non-matching unit for method "in_unit"')
        if not hasattr(u, "dim"):
            u = Quantity(u, force_quantity=True)
        numbers_in_unit = np.asarray(self) / np.asarray(u)
        return format_in_unit(np.asarray(numbers_in_unit), u, precision, python_code,
                              type(self).__name__)

    def get_best_unit(self):
        """The unit in which this value reads best (see the registry's rule); a plain quantity of
        value 1 in SI units when no named unit has this dimension."""
        if self.dim is DIMENSIONLESS:
            return _ONE
        unit = find_best_unit(self)
        return unit if unit is not None else Quantity(1.0, dim=self.dim)

    def in_best_unit(self, precision=None, python_code=False):
        """This value as text in the unit that reads best: ``'20. mV'`` for 0.02 V."""
        return self.in_unit(self.get_best_unit(), precision=precision, python_code=python_code)

    def __repr__(self):
        return self.in_best_unit(python_code=True)

    def __str__(self):
        return self.in_best_unit()

    def __format__(self, format_spec):
        # f"{q}" shows the unit; an explicit format such as f"{q:.2f}" formats the SI value.
        if format_spec == "":
            return str(self)
        return super().__format__(format_spec)

    # ----------------------------------------------------------------------------------------
    # elements

    def __getitem__(self, key):
        return Quantity(np.asarray(self)[key], dim=self.dim)

    def __setitem__(self, key, value):
        fail_for_dimension_mismatch(self, value, "Inconsistent units in assignment")
        np.asarray(self)[key] = np.asarray(value) if isinstance(value, np.ndarray) else value

    def __iter__(self):
        # Not a generator function: iter() itself must raise for a 0-d quantity, as for a 0-d numpy
        # array, so that np.iterable() and matplotlib treat scalars as scalars.
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d quantity")
        return (self[index] for index in range(len(self)))

    def item(self, *args):
        """One element as a scalar quantity."""
        return Quantity(np.asarray(self).item(*args), dim=self.dim)

    def tolist(self):
        """The values as a (nested) list of scalar quantities."""
        return _quantities_in(np.asarray(self).tolist(), self.dim)

    # ----------------------------------------------------------------------------------------
    # comparisons

    def _compare(self, other, symbol, operation):
        if not (is_scalar_type(other) or isinstance(other, np.ndarray)):
            return NotImplemented
        if not (get_dimensions(other) is DIMENSIONLESS and all_infinite(other)):
            fail_for_dimension_mismatch(self, other, _COMPARISON_MESSAGE % symbol,
                                        value1=self, value2=other)
        return operation(np.asarray(self), np.asarray(other))

    def __lt__(self, other):
        return self._compare(other, "<", np.less)

    def __le__(self, other):
        return self._compare(other, "<=", np.less_equal)

    def __gt__(self, other):
        return self._compare(other, ">", np.greater)

    def __ge__(self, other):
        return self._compare(other, ">=", np.greater_equal)

    def __eq__(self, other):
        return self._compare(other, "==", np.equal)

    def __ne__(self, other):
        return self._compare(other, "!=", np.not_equal)

    __hash__ = None

    # ----------------------------------------------------------------------------------------
    # in-place operators: a scalar quantity behaves like a Python number (``tau += 1*ms`` makes
    # a new value and leaves other references to the old one alone), an array is updated in place

    def __iadd__(self, other):
        return self + other if self.ndim == 0 else super().__iadd__(other)

    def __isub__(self, other):
        return self - other if self.ndim == 0 else super().__isub__(other)

    def __imul__(self, other):
        return self * other if self.ndim == 0 else super().__imul__(other)

    def __itruediv__(self, other):
        return self / other if self.ndim == 0 else super().__itruediv__(other)

    def __ifloordiv__(self, other):
        return self // other if self.ndim == 0 else super().__ifloordiv__(other)

    def __imod__(self, other):
        return self % other if self.ndim == 0 else super().__imod__(other)

    def __ipow__(self, other):
        return self ** other if self.ndim == 0 else super().__ipow__(other)

    # ----------------------------------------------------------------------------------------
    # copying and pickling

    def __reduce__(self):
        return quantity_with_dimensions, (np.asarray(self), self.dim)

    def __deepcopy__(self, memo):
        return Quantity(np.array(self), dim=self.dim, force_quantity=True)

    # ----------------------------------------------------------------------------------------
    # array methods, each stating what happens to the unit

    def _run_plain(self, method_name, args, kwargs, dim):
        """Run an ndarray method on the plain values and give the result dimension ``dim``
        (`ufunc_rules.PLAIN`: return numpy's result as it is)."""
        method = getattr(np.ndarray, method_name)
        if kwargs.get("initial") is not None:
            kwargs = dict(kwargs, initial=_initial_value(self, kwargs["initial"]))
        out = kwargs.get("out")
        if isinstance(out, Quantity):
            method(np.asarray(self), *args, **dict(kwargs, out=np.asarray(out)))
            out.dim = DIMENSIONLESS if dim is ufunc_rules.PLAIN else dim
            return out
        result = method(np.asarray(self), *args, **kwargs)
        return result if dim is ufunc_rules.PLAIN else Quantity(result, dim=dim)

    def sum(self, *args, **kwargs):
        return self._run_plain("sum", args, kwargs, self.dim)

    def mean(self, *args, **kwargs):
        return self._run_plain("mean", args, kwargs, self.dim)

    def std(self, *args, **kwargs):
        return self._run_plain("std", args, kwargs, self.dim)

    def var(self, *args, **kwargs):
        return self._run_plain("var", args, kwargs, self.dim ** 2)

    def min(self, *args, **kwargs):
        return self._run_plain("min", args, kwargs, self.dim)

    def max(self, *args, **kwargs):
        return self._run_plain("max", args, kwargs, self.dim)

    def cumsum(self, *args, **kwargs):
        return self._run_plain("cumsum", args, kwargs, self.dim)

    def diagonal(self, *args, **kwargs):
        return self._run_plain("diagonal", args, kwargs, self.dim)

    def trace(self, *args, **kwargs):
        return self._run_plain("trace", args, kwargs, self.dim)

    def ravel(self, *args, **kwargs):
        return self._run_plain("ravel", args, kwargs, self.dim)

    def round(self, *args, **kwargs):
        """Rounds the SI values (as Brian2 does): ``(3.6*mV).round()`` is ``0. V``."""
        return self._run_plain("round", args, kwargs, self.dim)

    def all(self, *args, **kwargs):
        return self._run_plain("all", args, kwargs, ufunc_rules.PLAIN)

    def any(self, *args, **kwargs):
        return self._run_plain("any", args, kwargs, ufunc_rules.PLAIN)

    def nonzero(self):
        return np.asarray(self).nonzero()

    def argmax(self, *args, **kwargs):
        return self._run_plain("argmax", args, kwargs, ufunc_rules.PLAIN)

    def argmin(self, *args, **kwargs):
        return self._run_plain("argmin", args, kwargs, ufunc_rules.PLAIN)

    def argsort(self, *args, **kwargs):
        return self._run_plain("argsort", args, kwargs, ufunc_rules.PLAIN)

    def prod(self, axis=None, *args, **kwargs):
        """Product of elements; the unit is raised to the number of factors."""
        count = ufunc_rules.reduced_count(self.shape, axis)
        return self._run_plain("prod", (axis,) + args, kwargs, self.dim ** count)

    def cumprod(self, *args, **kwargs):
        if self.dim is not DIMENSIONLESS:
            raise TypeError("A cumulative product of quantities with units has no single unit; "
                            "divide by the unit first")
        return self._run_plain("cumprod", args, kwargs, DIMENSIONLESS)

    def dot(self, other, *args, **kwargs):
        return Quantity(np.asarray(self).dot(np.asarray(other), *args, **kwargs),
                        dim=self.dim * get_dimensions(other))

    def fill(self, value):
        fail_for_dimension_mismatch(self, value, "fill")
        np.asarray(self).fill(np.asarray(value))

    def put(self, indices, values, *args, **kwargs):
        fail_for_dimension_mismatch(self, values, "put")
        np.asarray(self).put(indices, np.asarray(values), *args, **kwargs)

    def clip(self, min=None, max=None, *args, **kwargs):
        """Limits the values to [min, max]; both bounds need this quantity's unit."""
        for bound in (min, max):
            if bound is not None:
                fail_for_dimension_mismatch(self, bound, "clip")
        plain_min = None if min is None else np.asarray(min)
        plain_max = None if max is None else np.asarray(max)
        return Quantity(np.clip(np.asarray(self), plain_min, plain_max, *args, **kwargs),
                        dim=self.dim)

    def searchsorted(self, v, *args, **kwargs):
        fail_for_dimension_mismatch(self, v, "searchsorted")
        return np.asarray(self).searchsorted(np.asarray(v), *args, **kwargs)


def in_unit(x, u, precision=None):
    """``x`` as text in unit ``u``: ``in_unit(3*volt, mvolt)`` is ``'3000. mV'``."""
    if get_dimensions(x) is DIMENSIONLESS:
        fail_for_dimension_mismatch(x, u, 'Non-matching unit for function "in_unit"')
        return str(np.asarray(np.asarray(x) / np.asarray(u)))
    return _as_quantity(x).in_unit(u, precision=precision)


def in_best_unit(x, precision=None):
    """``x`` as text in the unit that reads best: ``in_best_unit(0.00123456*volt)`` is
    ``'1.23456 mV'``; plain numbers are rounded to ``precision`` digits."""
    if get_dimensions(x) is DIMENSIONLESS:
        if precision is None:
            precision = np.get_printoptions()["precision"]
        return str(np.round(np.asarray(x), precision))
    return _as_quantity(x).in_best_unit(precision=precision)


def _as_quantity(x):
    return x if isinstance(x, Quantity) else Quantity(x)


def quantity_with_dimensions(floatval, dims):
    """A quantity of SI value ``floatval`` and dimension ``dims`` (used when unpickling)."""
    return Quantity(floatval, dim=get_or_create_dimension(dims.exponents))


def _dimension_argument(dim):
    if dim is None or isinstance(dim, Dimension):
        return dim
    if isinstance(dim, np.ndarray) and hasattr(dim, "dim"):
        return dim.dim
    if isinstance(dim, (tuple, list)):
        return get_or_create_dimension(dim)
    raise TypeError(f"dim must be a Dimension (e.g. volt.dim), not {dim!r}")


def _inferred_dimension(values):
    """The dimension of a quantity, or the common dimension of a (nested) list of quantities."""
    if hasattr(values, "dim"):
        return values.dim
    if isinstance(values, (np.ndarray, numbers.Number, np.number, str, bytes)):
        return DIMENSIONLESS
    try:
        elements = list(_flattened(values))
    except TypeError:
        return DIMENSIONLESS
    quantities = [element for element in elements if isinstance(element, Quantity)]
    if not quantities:
        return DIMENSIONLESS
    if len(quantities) != len(elements):
        raise TypeError("Mixing quantities and non-quantities is not allowed.")
    first = quantities[0].dim
    for quantity in quantities:
        if quantity.dim != first:
            raise DimensionMismatchError(
                "Mixing quantities with different dimensions is not allowed", quantity.dim, first)
    return first


def _flattened(values):
    for element in values:
        if isinstance(element, (list, tuple)):
            yield from _flattened(element)
        else:
            yield element


def _quantities_in(nested, dim):
    if isinstance(nested, list):
        return [_quantities_in(element, dim) for element in nested]
    return Quantity(nested, dim=dim)


def _plain_outputs(kwargs):
    """Replace quantities in a ufunc's ``out`` by plain views; return the original outputs (None
    when there are none)."""
    outputs = kwargs.get("out")
    if outputs is None:
        return None
    for output in outputs:
        if getattr(output, "dispname", None) is not None:
            raise TypeError("Units cannot be modified in-place")
    kwargs["out"] = tuple(np.asarray(output) if isinstance(output, np.ndarray) else output
                          for output in outputs)
    return outputs


def _initial_value(array, initial):
    fail_for_dimension_mismatch(array, initial, "The initial value of a reduction needs the "
                                                "array's unit")
    return np.asarray(initial)


def _attach_dimension(result, dim, target):
    if isinstance(target, Quantity):
        # The output array keeps its identity; a dimensionless result is handed back as a plain
        # view of it, like every other dimensionless result.
        target.dim = dim if isinstance(dim, Dimension) else DIMENSIONLESS
        return target if target.dim is not DIMENSIONLESS else np.asarray(target)
    if dim is ufunc_rules.PLAIN:
        return result
    return Quantity(result, dim=dim)


#: The dimensionless unit used to display plain numbers.
_ONE = Quantity(1.0, force_quantity=True)
