"""The one table of units: SI prefixes, named units, abbreviations and display-only compound units.

Every unit name Ranvier knows (``mV``, ``msecond``, ``um2``, ``Mohm``...) is generated from this
table by ``catalog.py``. The flags reproduce which names Brian2 provides where:

* every named unit gets all 20 SI prefixes and (unless ``powered`` is off) squares and cubes:
  ``metre2``, ``cmetre3``; these are all attributes of ``ranvier.units``;
* code strings (the default namespace, ``all_units``) know all of them except the decimal prefixes
  c, d, da, h, which only litres keep there;
* ``from ranvier import *`` brings in only the names listed in ``star``, with the everyday
  prefixes p, n, u, m, k, M, G, T, plus the abbreviations;
* values are displayed in the canonical (first) name of ``displayed`` units, with any prefix except
  the decimal ones, or in their squares and cubes.
"""

from typing import NamedTuple

#: SI prefixes and their powers of ten.
PREFIX_EXPONENTS = {
    "y": -24, "z": -21, "a": -18, "f": -15, "p": -12, "n": -9, "u": -6, "m": -3, "c": -2,
    "d": -1, "da": 1, "h": 2, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18, "Z": 21,
    "Y": 24,
}

#: Prefixes that ``from ranvier import *`` exports with the units listed in ``star``.
EVERYDAY_PREFIXES = ("p", "n", "u", "m", "k", "M", "G", "T")

#: Prefixes kept out of code strings and of display (except for litres, see ``decimal_in_code``).
DECIMAL_PREFIXES = ("c", "d", "da", "h")

#: The powers generated for every powered unit: ``metre2``, ``metre3``.
POWERS = (2, 3)


class NamedUnit(NamedTuple):
    """One row of the unit table."""

    #: The unit's names; the first is canonical (used for display), the others are aliases.
    names: tuple
    #: Display symbol, e.g. 'V'.
    symbol: str
    #: Exponents of the base dimensions, by symbol (m, kg, s, A, K, mol, cd).
    dimension: dict
    #: Power of ten of the unprefixed unit in SI units (gram: -3, molar: 3).
    scale: int = 0
    #: Whether the unit takes SI prefixes.
    prefixed: bool = True
    #: Whether squares and cubes are generated.
    powered: bool = True
    #: Names exported by ``from ranvier import *``.
    star: tuple = ()
    #: Prefixes exported with the names in ``star`` (when ``prefixed``).
    star_prefixes: tuple = EVERYDAY_PREFIXES
    #: Whether values of this dimension are displayed in this unit.
    displayed: bool = True
    #: Whether code strings also know the decimal prefixes (cl, dl, dal, hl).
    decimal_in_code: bool = False


_NO_DIMENSION = {}
_ELECTRIC_POTENTIAL = {"m": 2, "kg": 1, "s": -3, "A": -1}

#: The named units. Later rows of the same dimension and value replace earlier ones in display
#: (kilogram replaces kgram), so the order matters.
NAMED_UNITS = (
    # SI base units
    NamedUnit(("metre", "meter"), "m", {"m": 1}, star=("metre", "meter"),
              star_prefixes=EVERYDAY_PREFIXES + ("c",)),
    NamedUnit(("gram", "gramme"), "g", {"kg": 1}, scale=-3, star=("gram", "gramme")),
    NamedUnit(("kilogram", "kilogramme"), "kg", {"kg": 1}, prefixed=False, star=("kilogram",)),
    NamedUnit(("second",), "s", {"s": 1}, star=("second",)),
    NamedUnit(("amp", "ampere"), "A", {"A": 1}, star=("amp",)),
    NamedUnit(("kelvin",), "K", {"K": 1}, prefixed=False, star=("kelvin",)),
    NamedUnit(("mole", "mol"), "mol", {"mol": 1}, star=("mole",)),
    NamedUnit(("candle",), "cd", {"cd": 1}),
    # SI derived units
    NamedUnit(("radian",), "rad", _NO_DIMENSION, displayed=False),
    NamedUnit(("steradian",), "sr", _NO_DIMENSION, displayed=False),
    NamedUnit(("hertz",), "Hz", {"s": -1}, star=("hertz",)),
    NamedUnit(("newton",), "N", {"m": 1, "kg": 1, "s": -2}),
    NamedUnit(("pascal",), "Pa", {"m": -1, "kg": 1, "s": -2}, star=("pascal",)),
    NamedUnit(("joule",), "J", {"m": 2, "kg": 1, "s": -2}, star=("joule",)),
    NamedUnit(("watt",), "W", {"m": 2, "kg": 1, "s": -3}, star=("watt",)),
    NamedUnit(("coulomb",), "C", {"s": 1, "A": 1}, star=("coulomb",)),
    NamedUnit(("volt",), "V", _ELECTRIC_POTENTIAL, star=("volt",)),
    NamedUnit(("farad",), "F", {"m": -2, "kg": -1, "s": 4, "A": 2}, star=("farad",)),
    NamedUnit(("ohm",), "ohm", {"m": 2, "kg": 1, "s": -3, "A": -2}, star=("ohm",)),
    NamedUnit(("siemens",), "S", {"m": -2, "kg": -1, "s": 3, "A": 2}, star=("siemens",)),
    NamedUnit(("weber",), "Wb", {"m": 2, "kg": 1, "s": -2, "A": -1}),
    NamedUnit(("tesla",), "T", {"kg": 1, "s": -2, "A": -1}),
    NamedUnit(("henry",), "H", {"m": 2, "kg": 1, "s": -2, "A": -2}),
    NamedUnit(("lumen",), "lm", {"cd": 1}, displayed=False),
    NamedUnit(("lux",), "lx", {"m": -2, "cd": 1}),
    NamedUnit(("becquerel",), "Bq", {"s": -1}, displayed=False),
    NamedUnit(("gray",), "Gy", {"m": 2, "s": -2}),
    NamedUnit(("sievert",), "Sv", {"m": 2, "s": -2}, displayed=False),
    NamedUnit(("katal",), "kat", {"s": -1, "mol": 1}),
    # Units outside the SI that Brian2 provides
    NamedUnit(("liter", "litre"), "l", {"m": 3}, scale=-3, powered=False, displayed=False,
              star=("liter", "litre"), decimal_in_code=True),
    NamedUnit(("molar",), "M", {"m": -3, "mol": 1}, scale=3, star=("molar",)),
)


class Abbreviation(NamedTuple):
    """A short name for a generated unit."""

    name: str
    unit: str
    #: Whether ``from ranvier import *`` exports it.
    star: bool = True


#: Short names (``mV`` for ``mvolt``); all of them are also known in code strings.
ABBREVIATIONS = tuple(Abbreviation(name, unit) for name, unit in (
    ("mV", "mvolt"), ("mA", "mamp"), ("uA", "uamp"), ("nA", "namp"), ("pA", "pamp"),
    ("pF", "pfarad"), ("uF", "ufarad"), ("nF", "nfarad"), ("nS", "nsiemens"),
    ("uS", "usiemens"), ("mS", "msiemens"), ("ms", "msecond"), ("us", "usecond"),
    ("Hz", "hertz"), ("kHz", "khertz"), ("MHz", "Mhertz"), ("cm", "cmetre"), ("cm2", "cmetre2"),
    ("cm3", "cmetre3"), ("mm", "mmetre"), ("mm2", "mmetre2"), ("mm3", "mmetre3"),
    ("um", "umetre"), ("um2", "umetre2"), ("um3", "umetre3"), ("mM", "mmolar"),
    ("uM", "umolar"), ("nM", "nmolar"),
)) + (Abbreviation("candela", "candle", star=False),)

#: Compound units used for display when neither a table unit nor a user unit fits, written as
#: products and quotients of canonical unit names (``/`` at most once, ``**`` for powers).
COMPOUND_DISPLAY_UNITS = (
    "pascal*second", "newton*metre", "watt/metre**2", "joule/kelvin",
    "joule/(kilogram*kelvin)", "joule/kilogram", "watt/(metre*kelvin)", "joule/metre**3",
    "volt/metre**3", "coulomb/metre**3", "coulomb/metre**2", "farad/metre", "henry/metre",
    "joule/mole", "joule/(mole*kelvin)", "coulomb/kilogram", "gray/second", "katal/metre**3",
)
