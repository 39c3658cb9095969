"""Rendering numbers followed by a unit, the way Brian2 prints quantities ("20. mV",
"[ 10. 100.] ms", and for ``repr`` "20. * mvolt", "array([ 10., 100.]) * msecond")."""

import numpy as np


def format_in_unit(numbers, unit, precision=None, python_code=False, class_name="Quantity"):
    """Render ``numbers`` (a plain array, already expressed in ``unit``) followed by the unit.

    Numbers use numpy's print options (``precision`` overrides the digits). ``python_code`` gives
    the ``repr`` form, a valid Python expression. A dimensionless ``unit`` adds no unit text.
    """
    if numbers.shape == ():
        # numpy applies its print options to arrays only, so render a one-element array.
        text = np.array_str(np.array([numbers]), precision=precision)
        text = text.replace("[", "").replace("]", "").strip()
    elif python_code:
        text = np.array_repr(numbers, precision=precision)
    else:
        text = np.array_str(numbers, precision=precision)
    if unit.dim.is_dimensionless:
        return f"{class_name}({text.strip()})" if python_code else text.strip()
    return f"{text}{' * ' if python_code else ' '}{_unit_text(unit, python_code)}".strip()


def _unit_text(unit, python_code):
    # A named unit prints its own name; any other quantity used as unit prints its dimension.
    shown = unit if hasattr(unit, "dispname") else unit.dim
    return repr(shown) if python_code else str(shown)
