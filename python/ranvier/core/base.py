"""Common base of the objects the engine simulates (groups and monitors)."""

import numbers

from . import engine
from .names import claim_name

#: Slots of one time step, in execution order (Brian2's default schedule).
SCHEDULE_SLOTS = ("start", "groups", "thresholds", "synapses", "resets", "end")


class _Scope:
    """Counts `start_scope()` calls: `run()` only collects objects created in the current scope."""

    current = 0


def start_scope():
    """Starts a new scope: objects created before this call are no longer collected by `run()`.

    The simulation time is not reset here; it restarts at 0 with the next `run()` of new objects.
    """
    _Scope.current += 1


class EngineObject:
    """An object owning an engine handle that a `Network` can simulate.

    Attributes a subclass does not define cannot be added later (as in Brian2), so a typo such as
    ``G.tua = 5*ms`` fails loudly instead of being silently ignored.
    """

    #: Whether a new object of this kind makes `run()` start a new simulation (monitors do not).
    invalidates_magic_network = True

    #: Whether `run()` collects objects of this kind from the caller's names (subgroups: no, as in Brian2).
    add_to_magic_network = True

    #: Whether the engine runs code for this object (a subgroup runs none: its parent does the work).
    _has_engine_operations = True

    @property
    def _simulated_object(self):
        """The object a network must contain for this one to be simulated: itself, or the parent
        of a subgroup (what an object depending on this one really depends on, as in Brian2)."""
        return self

    #: Objects simulated with this one wherever it is simulated (e.g. a group's run_regularly code).
    _contained_objects = ()

    def __init__(self, handle, name, when=None, order=0, clock=None):
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "name", claim_name(name, self))
        object.__setattr__(self, "_scope_key", _Scope.current)
        object.__setattr__(self, "_network", None)
        object.__setattr__(self, "_dependencies", ())
        object.__setattr__(self, "active", True)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "order", order)
        if when is not None:
            _check_schedule(when, order)
            engine.api.object_set_schedule(handle, when, int(order))
        from .clock import defaultclock
        object.__setattr__(self, "clock", defaultclock if clock is None else clock)
        if clock is not None and clock._handle is not None:
            engine.api.object_set_clock(handle, clock._handle)

    @property
    def contained_objects(self):
        """The objects simulated along with this one (as a list)."""
        return list(self._contained_objects)

    def _contain(self, obj):
        object.__setattr__(self, "_contained_objects", self._contained_objects + (obj,))

    #: The group-specific namespace (``namespace=`` argument of groups); None when not given.
    _group_namespace = None

    def _external_names(self):
        """Names this object's code needs from the run namespace (none unless it runs model code)."""
        return ()

    @property
    def handle(self):
        """The engine handle (a `ranvier._ranvier.Handle`)."""
        return self._handle

    def __setattr__(self, name, value):
        if name in self.__dict__ or hasattr(type(self), name):
            object.__setattr__(self, name, value)
        else:
            raise AttributeError(f"'{type(self).__name__}' object '{self.name}' has no attribute "
                                 f"'{name}' and new attributes cannot be added.")


def _check_schedule(when, order):
    if not isinstance(when, str):
        raise TypeError(f"'when' has to be the name of a schedule slot, got {when!r}.")
    if when not in SCHEDULE_SLOTS:
        if when.startswith(("before_", "after_")) and when.split("_", 1)[1] in SCHEDULE_SLOTS:
            raise NotImplementedError(f"Schedule slot '{when}' is not supported yet; use one of "
                                      f"{', '.join(SCHEDULE_SLOTS)} with an 'order'.")
        raise ValueError(f"'when' has to be one of {', '.join(SCHEDULE_SLOTS)}; got '{when}'.")
    if isinstance(order, bool) or not isinstance(order, numbers.Integral):
        raise TypeError(f"'order' has to be an integer, got {order!r}.")
