"""Which named units are used to display a value, and how the best one is chosen.

Three registries are searched in order, as in Brian2: the standard units (volt, mV, um^2...), the
units the user created by combining units (``nS/cm**2`` registers itself), and a few compound units
kept for display only (J/K, W/(m^2)...). Within a registry, the unit chosen is the one that makes
the displayed numbers closest to 10 (in log scale); on a tie the unit registered first wins.
"""

import numpy as np

from .dimension import DIMENSIONLESS


class UnitRegistry:
    """Units known for display, grouped by dimension and keyed by their SI value."""

    def __init__(self):
        self._units_by_dimension = {}

    def add(self, unit):
        """Register ``unit``; a later unit with the same dimension and value replaces the earlier
        one's name but keeps its place in the tie-breaking order."""
        self._units_by_dimension.setdefault(unit.dim, {})[float(unit)] = unit

    def unit_with_value(self, dim, value):
        """The registered unit of dimension ``dim`` whose SI value is ``value``, or None."""
        return self._units_by_dimension.get(dim, {}).get(value)

    def best_unit(self, quantity):
        """The registered unit that displays ``quantity`` best, or None when this registry has no
        unit of its dimension (or none of value 1 for an all-zero quantity)."""
        units = self._units_by_dimension.get(quantity.dim)
        if not units:
            return None
        magnitudes = _displayed_magnitudes(np.asarray(quantity))
        if magnitudes.size == 0:
            return units.get(1.0)
        unit_values = np.fromiter(units.keys(), dtype=float, count=len(units))
        log_ratios = np.log10(magnitudes[:, np.newaxis] / unit_values[np.newaxis, :])
        deviations = np.sum((log_ratios - 1.0) ** 2, axis=0)
        return list(units.values())[int(np.argmin(deviations))]


def _displayed_magnitudes(values):
    """The absolute values that decide the display unit: only the entries numpy will print (edge
    items of long arrays), and neither zeros nor non-finite values, which read the same in any
    unit."""
    options = np.get_printoptions()
    if values.size > options["threshold"]:
        values = _edge_items(values, options["edgeitems"])
    magnitudes = np.abs(values).astype(float, copy=False).ravel()
    return magnitudes[np.isfinite(magnitudes) & (magnitudes != 0)]


def _edge_items(values, edgeitems):
    for axis, length in enumerate(values.shape):
        if length > 2 * edgeitems:
            kept = np.r_[0:edgeitems, length - edgeitems:length]
            values = np.take(values, kept, axis=axis)
    return values


#: Units defined by the unit table (prefixed SI units and their squares and cubes).
standard_unit_register = UnitRegistry()
#: Units created at run time by combining units, e.g. ``mV/ms``.
user_unit_register = UnitRegistry()
#: Compound units kept for display only, searched last.
additional_unit_register = UnitRegistry()

_REGISTRIES = (standard_unit_register, user_unit_register, additional_unit_register)


def register_new_unit(unit):
    """Use ``unit`` from now on to display values of its dimension (when no standard unit fits)."""
    user_unit_register.add(unit)


def find_best_unit(quantity):
    """The registered unit that displays ``quantity`` best, or None if no unit has its dimension."""
    for registry in _REGISTRIES:
        unit = registry.best_unit(quantity)
        if unit is not None:
            return unit
    return None


def get_unit(dim):
    """The unscaled unit of a dimension: ``volt`` for m^2 kg s^-3 A^-1, ``second`` for s... When
    no named unit has this dimension, a unit named after the dimension itself."""
    for registry in _REGISTRIES:
        unit = registry.unit_with_value(dim, 1.0)
        if unit is not None:
            return unit
    from .unit import Unit

    return Unit(1.0, dim=dim, register=False)


def get_unit_for_display(dim):
    """The display name of a dimension's unscaled unit (``'V'``, ``'s'``), or ``'1'`` for numbers."""
    if dim is DIMENSIONLESS or (isinstance(dim, int) and dim == 1):
        return "1"
    return str(get_unit(dim))
