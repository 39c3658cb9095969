"""Physical units for Ranvier, behaving like Brian2's ``brian2.units``.

Values carry their physical dimension: ``20*mV`` is a `Quantity` holding 0.02 (SI) with the
dimension of volts; ``5*amp + 10*volt`` raises `DimensionMismatchError`; a result without dimension
is a plain number or numpy array (``(5*ms)/ms == 5.0``). Quantities print in the unit that reads
best (``str(1000*namp) == '1. uA'``, ``repr(20*volt) == '20. * volt'``).

Names:

* every unit of the unit table (``unit_table.py``) with all SI prefixes and squares and cubes is an
  attribute of this module (``newton``, ``kmetre3``...);
* `all_units` maps the names that Brian2 resolves in code strings to their units;
* ``__all__`` (what ``from ranvier.units import *`` gives) is exactly what ``from brian2 import *``
  provides of ``brian2.units``: the common units, the unit-aware numpy functions (``exp``,
  ``linspace``...) and the unit API.

Where this deliberately differs from Brian2 2.11 (checked against it on this machine):

* ``np.concatenate``/``stack``/``hstack``/``vstack``/``append``, ``np.where``, ``np.dot``/``inner``/
  ``outer``, ``np.interp`` and ``np.isclose``/``allclose`` check and keep units (Brian2 drops the
  unit or, for ``np.concatenate``, mislabels the values; the SI numbers are the same).
* ``np.hypot`` accepts two values of one unit and keeps it, ``np.arctan2`` accepts two values of one
  unit; ``np.fabs``, ``np.fmax``/``fmin``, ``np.copysign``, ``np.cbrt``, ``np.divmod``,
  ``np.modf`` and ``np.spacing`` work on quantities (Brian2 raises TypeError for them).
* Printing ignores infinities when choosing the display unit (Brian2 shows ``inf*mV`` as
  ``inf YV``; here ``inf V``).
* On an exact tie between two display units (a value exactly between them on the log scale, such
  as 1e-8 m^2) the unit chosen can differ from Brian2's, whose tie order is arbitrary.
* A unit power with a numpy exponent is named with a plain number (``msecond ** 2.0``, not
  ``msecond ** np.float64(2.0)``); exponents that are whole numbers print without ``.0`` also in
  dimensions (``s^-1``).
* Dimension exponents within 1e-9 of a multiple of 1/2 are snapped onto it, so ``(x**(1/3))**3``
  has exactly the dimension of ``x``.
* Code strings also know ``mS`` (Brian2's default namespace lacks it; its star import has it) and
  ``candela`` (an alias of Brian2's ``candle``).
* An in-place operation that changes an array's unit (``a *= 2*ms``) updates that array's
  dimension, so every reference to it stays consistent (Brian2 rebinds ``a`` to a new view and
  leaves other references with the old unit).
* Pickled units unpickle as units (Brian2 gives plain quantities); ``Unit(value, scale=...)`` with
  an inconsistent value raises ValueError (Brian2: AssertionError).
* ``get_unit`` for a dimension without a named unit does not register the unit it makes up.
"""

from . import array_functions  # noqa: F401  (registers the unit-aware numpy functions)
from .catalog import build_catalog
from .check_units import check_units
from .dimension import DIMENSIONLESS, Dimension, get_or_create_dimension
from .dimension_checks import (fail_for_dimension_mismatch, get_dimensions, have_same_dimensions,
                               is_dimensionless, is_scalar_type)
from .errors import DimensionMismatchError
from .quantity import Quantity, in_best_unit, in_unit, quantity_with_dimensions
from .registry import get_unit, get_unit_for_display, register_new_unit
from .unit import Unit
from .unitsafe import (arange, arccos, arccosh, arcsin, arcsinh, arctan, arctanh, concat,
                       concatenate, cos, cosh, diagonal, dot, exp, expm1, exprel, linspace, log,
                       log1p, log10, ones_like, ptp, ravel, sin, sinh, tan, tanh, trace, where,
                       zeros_like)
from .unitsafe import __all__ as _unitsafe_names

_catalog = build_catalog()
globals().update(_catalog.units)

#: Units known by name in code strings (Brian2's default unit namespace): name -> unit.
all_units = _catalog.in_code

#: The unit API that ``from brian2 import *`` exports.
_API_NAMES = ["DimensionMismatchError", "get_or_create_dimension", "get_dimensions",
              "is_dimensionless", "have_same_dimensions", "in_unit", "in_best_unit", "Quantity",
              "Unit", "register_new_unit", "check_units", "is_scalar_type", "get_unit"]

__all__ = list(_catalog.star_names) + list(_unitsafe_names) + _API_NAMES
