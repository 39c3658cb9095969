"""The one place that imports the compiled engine module `ranvier._ranvier`.

Every other module calls the engine through `engine.api`, so tests can swap in a fake engine with a
single `monkeypatch.setattr(engine, "api", fake)`.
"""

import numpy as np

try:
    from .. import _ranvier as api
except ImportError as error:  # pragma: no cover - depends on how the package was installed
    raise ImportError(
        "The compiled Ranvier engine (module 'ranvier._ranvier') could not be imported: "
        f"{error}. Build it with `pip install .` (or the editable development loop described in "
        "the project's build notes)."
    ) from error

#: Status codes of the C API (ranvier.h) and the Python exception a Brian2 user expects for each.
STATUS_SYNTAX = 1
STATUS_DIMENSION = 2
STATUS_UNKNOWN_NAME = 3
STATUS_VALUE = 4
STATUS_INDEX = 5
STATUS_TYPE = 6
STATUS_NOT_IMPLEMENTED = 7
STATUS_UNSUPPORTED_EQUATIONS = 8
STATUS_INTERRUPTED = 9
STATUS_CALLBACK = 10


def float_dtype_code(dtype=None):
    """The engine's storage code for a float dtype: `dtype`, or `prefs.core.default_float_dtype`
    (read when a group is created, as Brian2 does) when None."""
    from .preferences import float_dtype_or_none, prefs
    chosen = float_dtype_or_none(prefs.core.default_float_dtype if dtype is None else dtype)
    if chosen is None:
        raise TypeError(f"The dtype of a group's variables has to be float32 or float64, got {dtype!r}.")
    return api.DTYPE_FLOAT32 if chosen is np.float32 else api.DTYPE_FLOAT64


def register_exception_types():
    """Tells the extension which exception class to raise for each engine status code."""
    from ..units import DimensionMismatchError
    from .errors import UnsupportedEquationsException

    api.set_exception_types({
        STATUS_SYNTAX: SyntaxError,
        STATUS_DIMENSION: DimensionMismatchError,
        STATUS_UNKNOWN_NAME: KeyError,
        STATUS_VALUE: ValueError,
        STATUS_INDEX: IndexError,
        STATUS_TYPE: TypeError,
        STATUS_NOT_IMPLEMENTED: NotImplementedError,
        STATUS_UNSUPPORTED_EQUATIONS: UnsupportedEquationsException,
        STATUS_INTERRUPTED: KeyboardInterrupt,
        STATUS_CALLBACK: RuntimeError,  # only without the callback's own exception (which is raised instead)
    })
