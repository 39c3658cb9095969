"""Physical dimensions: the exponents of the seven SI base quantities.

Dimensions are interned: two equal dimensions are the same object, so the hot comparisons in unit
arithmetic can use ``is`` first and only fall back to comparing exponents.
"""

import math
import numbers

import numpy as np

#: Display symbols of the base dimensions, in exponent order (m, kg, s, A, K, mol, cd).
BASE_SYMBOLS = ("m", "kg", "s", "A", "K", "mol", "cd")

#: Python names of the base units, in exponent order; used by ``repr`` to write valid code.
BASE_UNIT_NAMES = ("metre", "kilogram", "second", "amp", "kelvin", "mole", "candle")

# Keywords that get_or_create_dimension accepts for each base dimension, in exponent order.
_KEYWORDS_PER_BASE = (
    ("m", "metre", "metres", "meter", "meters", "length", "Length"),
    ("kg", "kilogram", "kilograms", "mass", "Mass"),
    ("s", "second", "seconds", "time", "Time"),
    ("A", "amp", "amps", "ampere", "amperes", "current", "Current", "electric current",
     "Electric Current"),
    ("K", "kelvin", "kelvins", "temperature", "Temperature"),
    ("mol", "mole", "moles", "substance", "Substance", "quantity of substance",
     "Quantity of substance", "Quantity of Substance"),
    ("cd", "candle", "candles", "candela", "candelas", "luminosity", "Luminosity"),
)
_BASE_INDEX = {keyword: index for index, keywords in enumerate(_KEYWORDS_PER_BASE)
               for keyword in keywords}

# Exponents this close to a multiple of 1/2 are snapped onto it, so that (x**(1/3))**3 and
# sqrt(x)**2 give back exactly the dimension of x instead of a distinct near-copy.
_SNAP_TOLERANCE = 1e-9

_interned = {}


class Dimension:
    """The physical dimension of a value: seven float exponents (m, kg, s, A, K, mol, cd).

    Immutable and hashable. Create one with `get_or_create_dimension` (or ``Dimension(exponents)``);
    equal exponents always give the same object.
    """

    __slots__ = ("_exponents", "_hash")

    def __new__(cls, exponents):
        return get_or_create_dimension(exponents)

    @classmethod
    def _intern(cls, exponents):
        dimension = _interned.get(exponents)
        if dimension is None:
            dimension = object.__new__(cls)
            object.__setattr__(dimension, "_exponents", exponents)
            object.__setattr__(dimension, "_hash", hash(exponents))
            dimension = _interned.setdefault(exponents, dimension)
        return dimension

    def __setattr__(self, name, value):
        raise AttributeError("Dimension objects are immutable")

    @property
    def exponents(self):
        """The seven exponents as a tuple of floats, in the order m, kg, s, A, K, mol, cd."""
        return self._exponents

    @property
    def is_dimensionless(self):
        """True when every exponent is zero."""
        return self is DIMENSIONLESS

    @property
    def dim(self):
        """The dimension itself, so that code asking any object for ``.dim`` accepts dimensions."""
        return self

    def get_dimension(self, name):
        """The exponent of one base dimension, named by symbol or word ('m', 'length', 'kg'...)."""
        try:
            return self._exponents[_BASE_INDEX[name]]
        except KeyError:
            raise KeyError(f"Unknown base dimension name {name!r}; use one of "
                           f"{', '.join(BASE_SYMBOLS)} or a word such as 'length'") from None

    def __mul__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        return get_or_create_dimension(tuple(a + b for a, b in zip(self._exponents,
                                                                    other._exponents)))

    def __truediv__(self, other):
        if not isinstance(other, Dimension):
            return NotImplemented
        return get_or_create_dimension(tuple(a - b for a, b in zip(self._exponents,
                                                                    other._exponents)))

    def __pow__(self, power):
        power = _real_exponent(power)
        return get_or_create_dimension(tuple(e * power for e in self._exponents))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Dimension):
            return NotImplemented
        return self._exponents == other._exponents

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return self._hash

    def __reduce__(self):
        # Unpickling goes through the intern table, so identity comparisons keep working.
        return get_or_create_dimension, (self._exponents,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __str__(self):
        parts = [_power_text(symbol, exponent, "^")
                 for symbol, exponent in zip(BASE_SYMBOLS, self._exponents) if exponent != 0]
        return " ".join(parts) if parts else "1"

    def __repr__(self):
        parts = [_power_text(name, exponent, " ** ")
                 for name, exponent in zip(BASE_UNIT_NAMES, self._exponents) if exponent != 0]
        return " * ".join(parts) if parts else "Dimension()"


def format_exponent(exponent):
    """An exponent as text: integral values without a decimal point, others as Python floats."""
    exponent = float(exponent)
    return str(int(exponent)) if exponent.is_integer() else repr(exponent)


def _power_text(name, exponent, operator):
    return name if exponent == 1 else f"{name}{operator}{format_exponent(exponent)}"


def _real_exponent(power):
    """A dimension's power as a float; rejects anything that is not one real number."""
    if isinstance(power, Dimension):
        raise TypeError("A dimension cannot be raised to the power of another dimension")
    if isinstance(power, np.ndarray):
        if power.size != 1:
            raise TypeError("A dimension can only be raised to a single number, "
                            f"not to an array of shape {power.shape}")
        power = power.reshape(()).item()
    if isinstance(power, bool) or not isinstance(power, (numbers.Real, np.number)):
        raise TypeError(f"A dimension can only be raised to a real number, not {power!r}")
    return float(power)


def _normalised_exponent(value, position):
    exponent = float(value)
    if not math.isfinite(exponent):
        raise ValueError(f"Dimension exponent for {BASE_SYMBOLS[position]} must be finite, "
                         f"got {value!r}")
    snapped = round(exponent * 2) / 2
    if abs(exponent - snapped) < _SNAP_TOLERANCE:
        exponent = snapped
    return exponent + 0.0  # turns -0.0 into 0.0 so both intern as the same dimension


def get_or_create_dimension(*args, **keywords):
    """The `Dimension` with the given exponents.

    Call it with one sequence of seven exponents (m, kg, s, A, K, mol, cd), or with keywords naming
    base dimensions by symbol or word: ``get_or_create_dimension(length=1, time=-1)`` or
    ``get_or_create_dimension(m=1, s=-1)``. Without arguments it returns `DIMENSIONLESS`.
    """
    if args and keywords:
        raise TypeError("Give the exponents either as one sequence or as keywords, not both")
    if len(args) > 1:
        raise TypeError("Need a sequence of exactly 7 exponents (m, kg, s, A, K, mol, cd), "
                        f"got {len(args)} separate arguments")
    if args:
        source = args[0]
        if isinstance(source, Dimension):
            return source
        try:
            values = tuple(source)
        except TypeError:
            raise TypeError("Need a sequence of exactly 7 exponents (m, kg, s, A, K, mol, cd), "
                            f"got {source!r}") from None
        if len(values) != len(BASE_SYMBOLS):
            raise TypeError("Need a sequence of exactly 7 exponents (m, kg, s, A, K, mol, cd), "
                            f"got {len(values)}")
    else:
        values = [0.0] * len(BASE_SYMBOLS)
        for name, value in keywords.items():
            if name not in _BASE_INDEX:
                raise KeyError(f"Unknown base dimension {name!r}; use one of "
                               f"{', '.join(BASE_SYMBOLS)} or a word such as 'length'")
            values[_BASE_INDEX[name]] = value
    exponents = tuple(_normalised_exponent(value, position) for position, value in enumerate(values))
    return Dimension._intern(exponents)


#: The dimension of pure numbers (all exponents zero).
DIMENSIONLESS = get_or_create_dimension()
