"""`VariableView`: what ``G.v`` returns — a live, unit-aware view of one model variable.

Reading (``G.v[:]``, ``G.v[2:5]``, ``G.v['i > 5']``) gives the values as a Quantity, or as a plain
array for dimensionless variables; for state variables the result shares the engine's memory, as
Brian2's runtime mode does. Writing accepts numbers, quantities, lists and arrays (checked against the
variable's dimensions) or a code string executed by the engine (``G.v = 'rand()'``), whose external
names are resolved from the namespace of the line doing the assignment. Numpy functions and
arithmetic work on the view directly (``np.mean(G.v)``, ``G.v + 1*mV``).
"""

import numbers
import operator
import sys

import numpy as np

from ..units import DIMENSIONLESS
from .quantities import as_number_or_quantity, check_assignment_dimension, with_dimension

#: Kinds of model variables reported by the engine.
KIND_STATE = 0
KIND_SUBEXPRESSION = 1
KIND_INTERNAL = 2


class VariableView:
    """A view of the variable `name` of `group`; ``use_units=False`` gives Brian2's ``G.v_`` (no units)."""

    __array_priority__ = 10

    def __init__(self, group, name, dimension, kind, use_units=True):
        self.group = group
        self.name = name
        self.dim = dimension if use_units else DIMENSIONLESS
        self._kind = kind
        self._use_units = use_units

    # -- reading -------------------------------------------------------------------------------------

    def __getitem__(self, item):
        return self.get_item(item, sys._getframe(1))

    def get_item(self, item, caller_frame):
        """The values at `item` (index, slice, index array, boolean mask or condition string);
        `caller_frame` provides the names used by a condition string or subexpression."""
        if self._kind == KIND_SUBEXPRESSION:
            indices, single = self._indices(item, caller_frame)
            values = self.group._evaluate(self.name, indices, caller_frame)
            values = values[0] if single else values
        elif self._is_shared():
            values = self._shared_value(item)
        elif isinstance(item, str):
            values = self._array()[self._indices(item, caller_frame)[0]]
        else:
            values = self._array()[self._plain_index(item)]
        if self._is_boolean():
            values = np.asarray(values, dtype=bool) if np.ndim(values) else bool(values)
        elif self.group._is_integer(self.name):
            values = np.asarray(values).astype(np.int32) if np.ndim(values) else np.int32(values)
        return with_dimension(values, self.dim)

    # -- writing -------------------------------------------------------------------------------------

    def __setitem__(self, item, value):
        self.set_item(item, value, sys._getframe(1))

    def set_item(self, item, value, caller_frame):
        """Sets the values at `item` to `value` (number, quantity, list, array or code string)."""
        if value is self:
            return  # `G.v += x` ends with Python assigning the view back to itself
        self._check_writable()
        item = None if _is_everything(item) else item
        if isinstance(value, str):
            indices = None if item is None else self._indices(item, caller_frame)[0]
            self.group._execute(f"{self.name} = {value}", indices, caller_frame)
            return
        if isinstance(value, VariableView):
            value = value.get_item(slice(None), caller_frame)
        if isinstance(item, str):
            if np.ndim(value) != 0:
                raise TypeError("When setting a variable based on a string index, the value has to be a "
                                "string or a scalar.")
            item = self._indices(item, caller_frame)[0]
        self._write_values(item, value)

    def _write_values(self, item, value):
        value = as_number_or_quantity(value)
        values = np.asarray(value)
        if values.dtype.kind not in "biuf":
            raise TypeError(f"Cannot set variable {self.name} to {value!r}: expected a number, a quantity, "
                            "a list or array of them, or a code string.")
        if self._use_units:
            check_assignment_dimension(self.name, self.dim, value)
        array = self._array()
        if array.dtype.kind == "i" and values.ndim == 0:
            values = _integer_scalar(values, array.dtype)
        if self._is_shared():
            self._shared_index(item)
            array[0] = values
        elif item is None:
            array[:] = values
        else:
            indices = self._plain_index(item)
            target_size = np.arange(len(self.group))[indices].size
            if values.ndim == 1 and len(values) not in (1, target_size):
                raise ValueError("Provided values do not match the size of the indices, "
                                 f"{len(values)} != {target_size}.")
            array[indices] = values

    def _check_writable(self):
        if self._kind == KIND_SUBEXPRESSION or self.group._variable_array(self.name)[1]:
            raise TypeError(f"Variable {self.name} is read-only.")
        self.group._check_variable_write(self.name)

    def _is_boolean(self):
        return self.group._is_boolean(self.name)

    # -- indices -------------------------------------------------------------------------------------

    def _indices(self, item, caller_frame):
        """``(index array or None for all, whether item was a single index)`` for engine calls."""
        if _is_everything(item):
            return None, False
        if isinstance(item, str):
            condition = self.group._evaluate(item, None, caller_frame)
            return np.flatnonzero(condition), False
        plain = self._plain_index(item)
        return np.arange(len(self.group))[plain].reshape(-1), _is_single_index(plain)

    def _plain_index(self, item):
        """A numpy-usable index of the elements `item` (not a string) designates."""
        return _checked_plain_index(self.group._translate_index(item), len(self.group))

    def _is_shared(self):
        return self._kind != KIND_SUBEXPRESSION and self.group._variable_array(self.name)[2]

    def _shared_index(self, item):
        if not (item is None or _is_everything(item)):
            raise IndexError(f"Illegal index for variable '{self.name}', it is a scalar variable.")

    def _shared_value(self, item):
        self._shared_index(item)
        return self._array()[0]

    def _array(self):
        return self.group._variable_array(self.name)[0]

    # -- numpy integration ---------------------------------------------------------------------------

    def __array__(self, dtype=None, copy=None):
        values = self.get_item(slice(None), sys._getframe(1))
        return np.array(values, dtype=dtype, copy=copy, subok=True)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any(isinstance(target, VariableView) for target in kwargs.get("out", ())):
            raise TypeError("A VariableView cannot be the 'out' argument of a numpy function; assign the "
                            "result instead (e.g. G.v = np.abs(G.v)).")
        caller = sys._getframe(1)
        values = [x.get_item(slice(None), caller) if isinstance(x, VariableView) else x for x in inputs]
        return getattr(ufunc, method)(*values, **kwargs)

    def __len__(self):
        return len(self.group)

    def __iter__(self):
        return iter(self.get_item(slice(None), sys._getframe(1)))

    @property
    def shape(self):
        """Shape of the values, ``(N,)``."""
        return (len(self.group),)

    @property
    def ndim(self):
        """Number of dimensions of the values (1)."""
        return 1

    @property
    def dtype(self):
        """The numpy dtype of the values."""
        if self._kind == KIND_SUBEXPRESSION:
            return np.dtype(float)
        if self.group._is_integer(self.name):
            return np.dtype(np.int32)
        return self._array().dtype

    def __repr__(self):
        suffix = "" if self._use_units else "_"
        try:
            values = repr(self.get_item(slice(None), sys._getframe(1)))
        except KeyError:
            values = f"[Subexpression refers to external parameters. Use 'group.{self.name}[:]']"
        return f"<{self.group.name}.{self.name}{suffix}: {values}>"

    def __hash__(self):
        return hash((self.group.name, self.name))

    def __rpow__(self, base):
        if self.dim != DIMENSIONLESS:
            raise TypeError(f"Cannot use '{self.name}' as an exponent, it has dimensions {self.dim}.")
        return base ** self.get_item(slice(None), sys._getframe(1))


def _forward(operation):
    def method(self, other):
        return operation(self.get_item(slice(None), sys._getframe(1)), np.asanyarray(other))
    method.__name__ = f"__{operation.__name__.strip('_')}__"
    method.__doc__ = f"Applies {operation.__name__} to the current values."
    return method


def _reflected(operation):
    def method(self, other):
        return operation(np.asanyarray(other), self.get_item(slice(None), sys._getframe(1)))
    method.__name__ = f"__r{operation.__name__.strip('_')}__"
    method.__doc__ = f"Applies {operation.__name__} with the current values on the right."
    return method


def _in_place(operation, symbol):
    def method(self, other):
        if isinstance(other, str):
            raise TypeError(f"In-place modification with strings not supported. Use group.var = 'var {symbol} "
                            f"expression' instead of group.var {symbol}= 'expression'.")
        caller = sys._getframe(1)
        self._check_writable()
        self.set_item(slice(None), operation(self.get_item(slice(None), caller), np.asanyarray(other)), caller)
        return self
    method.__doc__ = f"Updates the values in place with {symbol}."
    return method


def _unary(operation):
    def method(self):
        return operation(self.get_item(slice(None), sys._getframe(1)))
    method.__doc__ = f"Applies {operation.__name__} to the current values."
    return method


_ARITHMETIC = {"add": (operator.add, "+"), "sub": (operator.sub, "-"), "mul": (operator.mul, "*"),
               "truediv": (operator.truediv, "/"), "floordiv": (operator.floordiv, "//"),
               "mod": (operator.mod, "%"), "pow": (operator.pow, "**"), "matmul": (operator.matmul, "@")}
_COMPARISONS = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
                "gt": operator.gt, "ge": operator.ge}
_UNARY = {"neg": operator.neg, "pos": operator.pos, "abs": operator.abs}

for _name, (_operation, _symbol) in _ARITHMETIC.items():
    setattr(VariableView, f"__{_name}__", _forward(_operation))
    setattr(VariableView, f"__i{_name}__", _in_place(_operation, _symbol))
    if _name != "pow":
        setattr(VariableView, f"__r{_name}__", _reflected(_operation))
for _name, _operation in _COMPARISONS.items():
    setattr(VariableView, f"__{_name}__", _forward(_operation))
for _name, _operation in _UNARY.items():
    setattr(VariableView, f"__{_name}__", _unary(_operation))


def _integer_scalar(value, dtype):
    """A single value for an integer variable, converted as Brian2 converts it (through a Python int):
    NaN is a ValueError and a value the storage cannot hold an OverflowError, never a silent wrap."""
    number = float(value)
    if np.isnan(number):
        raise ValueError("cannot convert float NaN to integer")
    bounds = np.iinfo(dtype)
    if np.isinf(number) or not bounds.min <= int(number) <= bounds.max:
        raise OverflowError(f"Python integer {number if np.isinf(number) else int(number)} out of bounds for {dtype}")
    return np.asarray(int(number), dtype=dtype)


def _is_everything(item):
    return (isinstance(item, slice) and item == slice(None)) or (isinstance(item, str) and item.strip() == "True")


def _is_single_index(item):
    return isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, bool)


def _checked_plain_index(item, size):
    """Validates a non-string index the way Brian2 does (1-d integer or boolean indices only) and
    returns it in a form numpy indexing accepts."""
    if isinstance(item, tuple):
        if len(item) == 2 and _is_everything(item[0]) and item[1] is None:
            return item  # matplotlib asks for values[:, np.newaxis]
        raise IndexError(f"Can only interpret 1-d indices, got {len(item)} dimensions.")
    if isinstance(item, slice) or _is_single_index(item):
        return item
    array = np.asarray(item)
    if array.dtype == bool:
        if array.shape != (size,):
            raise IndexError(f"A boolean index has to have one entry per element ({size}), got shape {array.shape}.")
        return array
    if array.size == 0:
        return array.astype(np.intp)
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"Indexing is only supported for integer and boolean arrays, not for type {array.dtype}")
    return array
