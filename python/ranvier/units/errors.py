"""The exception raised when values with incompatible physical dimensions meet."""


class DimensionMismatchError(Exception):
    """Raised by an operation on values whose dimensions do not fit, e.g. ``3*mV + 2*amp``.

    ``description`` says what was attempted; the dimensions involved (any number) are kept in
    ``dims`` and shown by their SI unit at the end of the message, as Brian2 does.
    """

    def __init__(self, description, *dims):
        super().__init__(description, *dims)
        self.desc = description
        self.dims = dims

    def __str__(self):
        # Imported here: naming a unit needs the unit registry, which is built after this module.
        from .registry import get_unit_for_display

        names = [get_unit_for_display(dim) for dim in self.dims]
        if not names:
            return self.desc
        if len(names) == 1:
            return f"{self.desc} (unit is {names[0]})."
        if len(names) == 2:
            return f"{self.desc} (units are {names[0]} and {names[1]})."
        return f"{self.desc} (units are {' '.join(f'({name})' for name in names)})."

    def __repr__(self):
        arguments = ", ".join([repr(self.desc)] + [repr(dim) for dim in self.dims])
        return f"{type(self).__name__}({arguments})"
