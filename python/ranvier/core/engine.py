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

#: Status codes of the C API (defined in ranvier.h, read from the extension) and the Python exception
#: a Brian2 user expects for each.
STATUS_SYNTAX = api.ERR_SYNTAX
STATUS_DIMENSION = api.ERR_DIMENSION
STATUS_UNKNOWN_NAME = api.ERR_UNKNOWN_NAME
STATUS_VALUE = api.ERR_VALUE
STATUS_INDEX = api.ERR_INDEX
STATUS_TYPE = api.ERR_TYPE
STATUS_NOT_IMPLEMENTED = api.ERR_NOT_IMPLEMENTED
STATUS_UNSUPPORTED_EQUATIONS = api.ERR_UNSUPPORTED_EQUATIONS
STATUS_INTERRUPTED = api.ERR_INTERRUPTED
STATUS_IO = api.ERR_IO
STATUS_MEMORY = api.ERR_MEMORY
STATUS_CALLBACK = api.ERR_CALLBACK


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
        STATUS_IO: OSError,
        STATUS_MEMORY: MemoryError,
        STATUS_CALLBACK: RuntimeError,  # only without the callback's own exception (which is raised instead)
    })
