"""Exception types that Ranvier adds to Python's own, named as in Brian2 so user code that catches
them keeps working."""


class MagicError(Exception):
    """`run()` cannot tell whether to continue the previous simulation or start a new one: the visible
    objects mix ones that have been simulated with new ones. Use an explicit `Network` instead."""


class UnsupportedEquationsException(Exception):
    """The requested integration method cannot integrate the model's equations."""
