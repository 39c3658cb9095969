"""Generates every unit from ``unit_table``: prefixed names, squares and cubes, abbreviations, and
registers the display units."""

import re
from typing import NamedTuple

from .dimension import get_or_create_dimension
from .registry import additional_unit_register, standard_unit_register
from .unit import Unit, automatic_registration_paused
from .unit_table import (ABBREVIATIONS, COMPOUND_DISPLAY_UNITS, DECIMAL_PREFIXES, NAMED_UNITS,
                         POWERS, PREFIX_EXPONENTS)

_PREFIXES_SMALL_TO_LARGE = sorted(PREFIX_EXPONENTS, key=PREFIX_EXPONENTS.get)
_FACTOR = re.compile(r"(\w+)(?:\*\*(\d+))?")


class Catalog(NamedTuple):
    """All generated units, by name, and which names go where."""

    #: Every unit name (the attributes of ``ranvier.units``).
    units: dict
    #: The names code strings know (Brian2's default unit namespace).
    in_code: dict
    #: The unit names that ``from ranvier import *`` exports, in table order.
    star_names: list


def build_catalog():
    """Create all units of the unit table and register the display units."""
    units, in_code, star_names = {}, {}, []
    with automatic_registration_paused():
        for row in NAMED_UNITS:
            _add_named_unit(row, units, in_code, star_names)
        for abbreviation in ABBREVIATIONS:
            unit = units[abbreviation.unit]
            units[abbreviation.name] = in_code[abbreviation.name] = unit
            if abbreviation.star:
                star_names.append(abbreviation.name)
        for expression in COMPOUND_DISPLAY_UNITS:
            additional_unit_register.add(_compound_unit(expression, units))
    return Catalog(units, in_code, star_names)


def _add_named_unit(row, units, in_code, star_names):
    dim = get_or_create_dimension(**row.dimension)
    power_dims = {power: dim ** power for power in POWERS}
    prefixes = _PREFIXES_SMALL_TO_LARGE if row.prefixed else ()
    for name in row.names:
        canonical = name == row.names[0]
        # The unprefixed unit goes last so that it loses ties in the choice of display unit.
        for prefix in [p for p in prefixes if p] + [""]:
            scale = PREFIX_EXPONENTS.get(prefix, 0) + row.scale
            unit = Unit.create(dim, prefix + name, prefix + row.symbol, scale=scale)
            family = [unit] + [_power_unit(unit, power, power_dims[power])
                               for power in (POWERS if row.powered else ())]
            decimal = prefix in DECIMAL_PREFIXES
            for member in family:
                units[member.name] = member
                if row.decimal_in_code or not decimal:
                    in_code[member.name] = member
                if row.displayed and canonical and not decimal:
                    standard_unit_register.add(member)
            if name in row.star and (prefix == "" or prefix in row.star_prefixes):
                star_names.append(unit.name)


def _power_unit(unit, power, dim):
    return Unit.create(dim, f"{unit.name}{power}", f"{unit.dispname}^{power}",
                       scale=unit.scale * power)


def _compound_unit(expression, units):
    """The unit written as ``expression``, e.g. ``'joule/(kilogram*kelvin)'``, combined with unit
    algebra so that it gets the compound name Brian2 shows (``J/(kg K)``)."""
    numerator, _, denominator = expression.partition("/")
    unit = _product_of(numerator, units)
    if denominator:
        unit = unit / _product_of(denominator.strip("()"), units)
    return unit


def _product_of(factors, units):
    """The product of factors such as ``'kilogram*kelvin'`` or ``'metre**2'``."""
    result = None
    for name, power in _FACTOR.findall(factors):
        factor = units[name] ** int(power) if power else units[name]
        result = factor if result is None else result * factor
    return result
