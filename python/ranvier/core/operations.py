"""`NetworkOperation` and `@network_operation`: Python functions called at the steps of a clock
during runs, with the engine paused (they may read and write variables, and `stop()` the run)."""

import inspect

from ..units import Quantity, second
from . import engine
from .base import EngineObject
from .clock import clock_for


class NetworkOperation(EngineObject):
    """Calls `function` at every step of its clock (the defaultclock, or ``dt=``/``clock=``), in the
    ``when`` slot (default ``'start'``) with priority ``order``. The function takes no argument or
    one, the clock's time ``t``."""

    def __init__(self, function, dt=None, clock=None, when="start", order=0, name="networkoperation*"):
        takes_time = _takes_time(function)
        object.__setattr__(self, "function", function)
        call = _caller(function, takes_time)
        handle = engine.api.network_operation_create(call)
        clock = clock_for(dt, clock, name.rstrip("*"))
        super().__init__(handle, name, when, order, clock=clock)

    def run(self):
        """Calls the function once, as a step of a run would."""
        self.function(self.clock.t) if _takes_time(self.function) else self.function()

    def __repr__(self):
        return f"NetworkOperation(clock={self.clock!r}, when={self.when}, order={self.order})"


def _caller(function, takes_time):
    """What the engine calls with the time in seconds (as few Python steps as possible)."""
    if not takes_time:
        return lambda t: function()
    dimension = second.dim
    return lambda t: function(Quantity(t, dim=dimension))


def _takes_time(function):
    """Whether `function` takes the time (one argument) or nothing; other signatures are a TypeError,
    as in Brian2."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    count = code.co_argcount
    if inspect.ismethod(function):
        if count not in (1, 2):
            raise TypeError(f"Method '{function.__name__}' cannot be used as a network operation, it needs to "
                            f"have either only 'self' or 'self, t' as arguments, but it has {count} arguments.")
        return count == 2
    if count >= 1 and code.co_varnames[0] == "self":
        raise TypeError(f"The first argument of the function '{function.__name__}' is 'self', suggesting it is an "
                        "instance method and not a function. Create a NetworkOperation object explicitly "
                        "instead of using @network_operation on a method.")
    if count > 1:
        raise TypeError(f"Function '{function.__name__}' cannot be used as a network operation, it needs to have "
                        f"either only 't' as an argument or have no arguments, but it has {count} arguments.")
    return count == 1


def network_operation(*args, **kwds):
    """Decorator turning a function into a `NetworkOperation`: ``@network_operation`` or
    ``@network_operation(dt=..., clock=..., when=..., order=...)`` (keyword arguments only)."""
    def decorate(function):
        operation = NetworkOperation(function, **kwds)
        operation.__dict__.update({"__name__": function.__name__, "__doc__": function.__doc__})
        return operation
    if len(args) == 1 and callable(args[0]) and not kwds:
        return decorate(args[0])
    if args:
        raise TypeError("network_operation takes keyword arguments only, e.g. @network_operation(when='end').")
    return decorate
