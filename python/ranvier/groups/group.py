"""`Group`: an engine object whose model variables are attributes (``G.v``, ``G.v = ...``)."""

import sys

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.clock import defaultclock
from ..core.namespace import FrameNamespace, resolve_into_engine_namespace
from ..core.quantities import dimension_from_exponents
from ..core.variables import KIND_INTERNAL, VariableView
from ..units import DIMENSIONLESS, second


class Group(EngineObject):
    """Gives attribute access to the variables of the engine group behind `handle`.

    ``G.v`` is a `VariableView`; ``G.v_`` the same without units; ``G.v = value`` sets every element.
    Unknown attribute names raise AttributeError, and assigning to a name that is not a variable is
    an error rather than a new attribute (as in Brian2).
    """

    def __init__(self, handle, name, namespace=None, when=None, order=0):
        super().__init__(handle, name, when, order)
        object.__setattr__(self, "_group_namespace", _checked_namespace(namespace))
        object.__setattr__(self, "_size", int(engine.api.object_size(handle)))
        object.__setattr__(self, "_arrays", {})
        object.__setattr__(self, "_variable_infos", {})
        object.__setattr__(self, "_derived_names", set())

    @property
    def N(self):
        """Number of elements (neurons) of the group."""
        return self._size

    @property
    def namespace(self):
        """The group-specific namespace: names looked up before the run namespace."""
        return self._group_namespace

    def __len__(self):
        return self._size

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        view = self._view(name)
        if view is None:
            raise AttributeError(f"No attribute with name {name}")
        return view

    def __setattr__(self, name, value):
        if name.startswith("_") or name in self.__dict__ or hasattr(type(self), name):
            object.__setattr__(self, name, value)
            return
        view = self._view(name)
        if view is None:
            raise AttributeError(self._unknown_variable_message(name))
        view.set_item(slice(None), value, sys._getframe(1))

    def _view(self, name):
        """The view for ``G.v``, or for ``G.v_`` (Brian2's spelling for values without units)."""
        info = self._variable_info(name)
        if info is not None:
            return VariableView(self, name, *info)
        if name.endswith("_") and len(name) > 1:
            info = self._variable_info(name[:-1])
            if info is not None:
                return VariableView(self, name[:-1], *info, use_units=False)
        return None

    # -- used by VariableView ------------------------------------------------------------------------

    def _variable_info(self, name):
        """``(Dimension, kind)`` of a model variable, or None when the group has no such variable."""
        if name not in self._variable_infos:
            try:
                exponents, kind = engine.api.group_variable_dimensions(self._handle, name)
                self._variable_infos[name] = (dimension_from_exponents(tuple(exponents)), kind)
            except KeyError:
                derived = _DERIVED_VARIABLES.get(name)
                self._variable_infos[name] = None if derived is None else (derived[0], KIND_INTERNAL)
                if derived is not None:
                    self._derived_names.add(name)
        return self._variable_infos[name]

    def _variable_array(self, name):
        """``(numpy array sharing the engine's memory, read_only, is_shared)`` for a stored variable."""
        if name in self._derived_names:
            _, values_of, is_shared = _DERIVED_VARIABLES[name]
            values = values_of(self)
            values.flags.writeable = False
            return values, True, is_shared
        if name not in self._arrays:
            buffer, read_only, is_shared, _ = engine.api.object_variable(self._handle, name)
            self._arrays[name] = (np.asarray(buffer), bool(read_only), bool(is_shared))
        return self._arrays[name]

    def _evaluate(self, expression, indices, caller_frame):
        """Values of `expression` for `indices` (None: all elements), names resolved from the frame."""
        namespace = self._namespace_for(expression, True, caller_frame)
        result = engine.api.group_evaluate(self._handle, expression, _engine_indices(indices), namespace)
        return np.asarray(result)

    def _execute(self, code, indices, caller_frame):
        """Runs statements for `indices` (None: all elements), names resolved from the frame."""
        namespace = self._namespace_for(code, False, caller_frame)
        engine.api.group_execute(self._handle, code, _engine_indices(indices), namespace)

    def _namespace_for(self, code, is_expression, caller_frame):
        names = engine.api.code_external_names(self._handle, code, is_expression)
        return resolve_into_engine_namespace(names, FrameNamespace(caller_frame), self._group_namespace, self.name)

    def _external_names(self):
        return engine.api.group_external_names(self._handle)

    def _unknown_variable_message(self, name):
        import difflib  # only needed for this message; importing it costs ~10 ms at start-up

        message = f'Could not find a state variable with name "{name}".'
        candidates = [n for n in engine.api.object_variable_names(self._handle) if not n.startswith("_")]
        suggestions = difflib.get_close_matches(name, candidates, n=3)
        if suggestions:
            message += " Did you mean to write " + " or ".join(f'"{s}"' for s in suggestions) + "?"
        return message


#: Variables every Brian2 group has that the engine does not store: the element index and the
#: clock's time and time step. name -> (Dimension, values(group), is_shared).
_DERIVED_VARIABLES = {
    "i": (DIMENSIONLESS, lambda group: np.arange(len(group), dtype=np.int32), False),
    "t": (second.dim, lambda group: np.array([defaultclock.t_]), True),
    "dt": (second.dim, lambda group: np.array([defaultclock.dt_]), True),
}


def _engine_indices(indices):
    return None if indices is None else np.ascontiguousarray(indices, dtype=np.int64)


def _checked_namespace(namespace):
    if namespace is None:
        return {}
    if not isinstance(namespace, dict):
        raise TypeError(f"namespace has to be a dict (name -> value), got {type(namespace).__name__}.")
    reserved = [key for key in namespace if key.startswith("_")]
    if reserved:
        raise ValueError("Names starting with underscores are reserved for internal use and cannot be "
                         f"defined in the namespace argument: {', '.join(reserved)}.")
    return namespace
