"""``Equations``: model equations as text that can be combined and have names substituted, as
Brian2's ``Equations`` class is used in scripts (``Equations('dv/dt = -v/tau : volt', tau=tau_m)``,
``eqs_a + eqs_b``). The engine parses and checks the text when a group is created."""

import itertools
import re

from .units import Quantity

# Substituted values get names of their own: the engine resolves each name once per run, so two
# groups with different values substituted for the same name must not share it.
_value_names = itertools.count()


# The name a line of equations declares: `dv/dt = ...`, `I = ... : amp` or `g : siemens`.
_DECLARED = re.compile(r"^\s*(?:d(\w+)\s*/\s*dt|(\w+))\s*[=:]", re.MULTILINE)


def _declared_names(text):
    """Names the equations declare (the engine parses them fully when a group is created; this is
    only to tell a model variable from an external constant before substituting)."""
    return {differential or other for differential, other in _DECLARED.findall(text)}


class Equations(str):
    """Equations text. Keyword arguments substitute names in it: a string replaces the name by
    another name, a number or Quantity replaces it by that value (passed to the group that uses the
    equations as a constant of its namespace). ``+`` joins two sets of equations."""

    def __new__(cls, eqs, **substitutions):
        if not isinstance(eqs, str):
            raise TypeError(f"Equations expects a string of equations, got {type(eqs).__name__}.")
        text = str(eqs)
        values = dict(getattr(eqs, "substituted_values", {}))
        for name, replacement in substitutions.items():
            pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
            if not pattern.search(text):
                raise KeyError(f"The name '{name}' to substitute does not occur in the equations.")
            if isinstance(replacement, str):
                if not replacement.isidentifier():
                    raise ValueError(f"'{name}' can only be replaced by a name or a value, not by '{replacement}'.")
                new_name = replacement
            elif isinstance(replacement, (int, float, Quantity)) and not isinstance(replacement, bool):
                if name in _declared_names(text):
                    raise ValueError(f"Cannot replace model variable '{name}' with a value.")
                new_name = f"{name}_substituted_{next(_value_names)}"
                values[new_name] = replacement
            else:
                raise TypeError(f"Cannot substitute '{name}' by a {type(replacement).__name__}: use a name or a value.")
            text = pattern.sub(new_name, text)
        equations = super().__new__(cls, text)
        equations.substituted_values = values
        return equations

    def __add__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        joined = Equations(f"{str(self)}\n{str(other)}")
        joined.substituted_values = {**self.substituted_values, **getattr(other, "substituted_values", {})}
        return joined

    def __radd__(self, other):
        if not isinstance(other, str):
            return NotImplemented
        return Equations(other) + self

    def __repr__(self):
        return f"Equations({str(self)!r})"
