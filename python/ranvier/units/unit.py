"""`Unit`: a named quantity of value 10**scale (``mV``, ``volt``, ``nS/cm**2``).

Multiplying, dividing or raising units (not plain quantities) gives a new named unit such as
``mV/ms``, which registers itself for display, as in Brian2: after ``nS/cm**2`` has been written
once, conductance densities print in nS/cm^2.
"""

import contextlib
import numbers

import numpy as np

from .dimension import DIMENSIONLESS, format_exponent
from .dimension_checks import get_dimensions, is_dimensionless
from .quantity import Quantity
from .registry import register_new_unit
from .unit_table import PREFIX_EXPONENTS

_automatic_registration = [True]


@contextlib.contextmanager
def automatic_registration_paused():
    """Within this block new units are not registered for display (used while the unit table is
    built: its units go to the standard registry instead)."""
    previous = _automatic_registration[0]
    _automatic_registration[0] = False
    try:
        yield
    finally:
        _automatic_registration[0] = previous


class Unit(Quantity):
    """A physical unit: a scalar quantity of value ``10**scale`` with a ``name`` (used by ``repr``,
    e.g. ``'mvolt'``) and a display name ``dispname`` (used by ``str``, e.g. ``'mV'``).

    A new unit is registered for display unless ``register=False`` (or the unit table is being
    built); ``iscompound`` marks units combined from others, which get parentheses when combined
    again."""

    def __new__(cls, value, dim=None, scale=0, name=None, dispname=None, latexname=None,
                iscompound=False, dtype=None, copy=False, register=None):
        dim = DIMENSIONLESS if dim is None else dim
        if float(value) != 10.0 ** scale:
            raise ValueError(f"A unit's value must be 10**scale (scale={scale}), got {value}")
        unit = Quantity.__new__(cls, value, dim=dim, dtype=dtype, copy=copy, force_quantity=True)
        unit._scale = scale
        unit._name = name if name is not None else ("Unit(1)" if dim is DIMENSIONLESS else repr(dim))
        unit._dispname = dispname if dispname is not None else str(dim)
        unit._latexname = latexname if latexname is not None else unit._dispname
        unit._iscompound = iscompound
        if register is None:
            register = _automatic_registration[0]
        if register:
            register_new_unit(unit)
        return unit

    # Defaults for arrays that numpy derives from a unit (views, copies); __new__ sets its own.
    _scale, _name, _dispname, _latexname, _iscompound = 0, "", "", "", False

    def __array_finalize__(self, source):
        super().__array_finalize__(source)
        if isinstance(source, Unit):
            self._scale, self._name, self._dispname = source._scale, source._name, source._dispname
            self._latexname, self._iscompound = source._latexname, source._iscompound

    @staticmethod
    def create(dim, name, dispname, latexname=None, scale=0):
        """A new named unit of dimension ``dim`` and value ``10**scale``."""
        return Unit(10.0 ** scale, dim=dim, scale=scale, name=str(name), dispname=str(dispname),
                    latexname=latexname)

    @staticmethod
    def create_scaled_unit(baseunit, scalefactor):
        """``baseunit`` with an SI prefix: ``create_scaled_unit(volt, 'm')`` is mV."""
        if scalefactor not in PREFIX_EXPONENTS:
            raise ValueError(f"Unknown SI prefix {scalefactor!r}; known prefixes: "
                             f"{', '.join(PREFIX_EXPONENTS)}")
        scale = PREFIX_EXPONENTS[scalefactor] + baseunit.scale
        return Unit(10.0 ** scale, dim=baseunit.dim, scale=scale,
                    name=scalefactor + baseunit.name, dispname=scalefactor + baseunit.dispname)

    name = property(lambda self: self._name, doc="The unit's Python name, e.g. 'mvolt'.")
    dispname = property(lambda self: self._dispname, doc="The unit's display name, e.g. 'mV'.")
    latexname = property(lambda self: self._latexname, doc="The unit's LaTeX name.")
    scale = property(lambda self: self._scale, doc="The unit's value as a power of ten.")
    iscompound = property(lambda self: self._iscompound,
                          doc="Whether the unit combines other units (and needs parentheses).")

    def __repr__(self):
        return self._name

    def __str__(self):
        return self._dispname

    def __reduce__(self):
        return _rebuilt_unit, (self._scale, self.dim, self._name, self._dispname,
                               self._latexname, self._iscompound)

    # ----------------------------------------------------------------------------------------
    # unit algebra: units combined with units stay named units

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if method == "__call__" and "out" not in kwargs:
            combined = _combined_unit(ufunc.__name__, inputs)
            if combined is not None:
                return combined
        return super().__array_ufunc__(ufunc, method, *inputs, **kwargs)

    def __pow__(self, exponent, modulo=None):
        # ndarray.__pow__ turns x**2 into square(x), which would lose the unit's name.
        if modulo is not None:
            return NotImplemented
        return np.power(self, exponent)

    def __eq__(self, other):
        if isinstance(other, Unit):
            return other.dim == self.dim and other.scale == self.scale
        return super().__eq__(other)

    def __ne__(self, other):
        if isinstance(other, Unit):
            return not self.__eq__(other)
        return super().__ne__(other)

    def __hash__(self):
        return hash((self.dim, self._scale))

    # ----------------------------------------------------------------------------------------
    # units are constants

    def _refuse_change(self, *args, **kwargs):
        raise TypeError("Units cannot be modified in-place")

    __iadd__ = __isub__ = __imul__ = __itruediv__ = __ifloordiv__ = __imod__ = _refuse_change
    __ipow__ = __imatmul__ = __setitem__ = fill = put = _refuse_change


def _rebuilt_unit(scale, dim, name, dispname, latexname, iscompound):
    return Unit(10.0 ** scale, dim=dim, scale=scale, name=name, dispname=dispname,
                latexname=latexname, iscompound=iscompound, register=False)


def _combined_unit(operation, inputs):
    """The named unit that ``operation`` makes of ``inputs``, or None when the result is just a
    quantity (e.g. a unit times a number)."""
    first = inputs[0]
    second = inputs[1] if len(inputs) > 1 else None
    if operation == "multiply" and isinstance(first, Unit) and isinstance(second, Unit):
        return _compound(f"{first.name} * {second.name}", f"{first.dispname} {second.dispname}",
                         first.dim * second.dim, first.scale + second.scale)
    if operation == "divide" and isinstance(first, Unit) and isinstance(second, Unit):
        return _compound(f"{_grouped(first, 'name')} / {_grouped(second, 'name')}",
                         f"{_grouped(first, 'dispname')}/{_grouped(second, 'dispname')}",
                         first.dim / second.dim, first.scale - second.scale)
    if operation == "divide" and isinstance(second, Unit) and _is_plain_one(first):
        return _power_of(second, -1)
    if operation == "power" and isinstance(first, Unit) and _is_single_number(second):
        return _power_of(first, second)
    if operation == "sqrt" and isinstance(first, Unit):
        return _power_of(first, 0.5)
    if operation == "reciprocal" and isinstance(first, Unit):
        return _power_of(first, -1)
    return None


def _power_of(unit, exponent):
    exponent = exponent.item() if isinstance(exponent, np.ndarray) else exponent
    text = format_exponent(exponent) if isinstance(exponent, (int, np.integer)) else repr(float(exponent))
    return _compound(f"{_grouped(unit, 'name')} ** {text}", f"{_grouped(unit, 'dispname')}^{text}",
                     unit.dim ** exponent, unit.scale * exponent)


def _compound(name, dispname, dim, scale):
    return Unit(10.0 ** scale, dim=dim, scale=scale, name=name, dispname=dispname,
                iscompound=True)


def _grouped(unit, attribute):
    text = getattr(unit, attribute)
    return f"({text})" if unit.iscompound else text


def _is_plain_one(value):
    return (not isinstance(value, Quantity) and np.ndim(value) == 0
            and isinstance(np.asarray(value).item(), numbers.Number) and value == 1)


def _is_single_number(value):
    if isinstance(value, Quantity) and not is_dimensionless(value):
        return False
    try:
        get_dimensions(value)
    except TypeError:
        return False
    return np.ndim(value) == 0 and not isinstance(value, (bool, np.bool_))
