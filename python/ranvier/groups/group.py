"""`Group`: an engine object whose model variables are attributes (``G.v``, ``G.v = ...``)."""

import collections
import re
import sys
from collections.abc import Mapping

import numpy as np

from ..core import engine
from ..core.base import EngineObject
from ..core.clock import defaultclock
from ..core.namespace import FrameNamespace, resolve_into_engine_namespace
from ..core.quantities import dimension_from_exponents
from ..core.variables import KIND_INTERNAL, KIND_SUBEXPRESSION, VariableView
from ..units import DIMENSIONLESS, all_units, second


class Group(EngineObject):
    """Gives attribute access to the variables of the engine group behind `handle`.

    ``G.v`` is a `VariableView`; ``G.v_`` the same without units; ``G.v = value`` sets every element.
    Unknown attribute names raise AttributeError, and assigning to a name that is not a variable is
    an error rather than a new attribute (as in Brian2).
    """

    def __init__(self, handle, name, namespace=None, when=None, order=0, model=None):
        super().__init__(handle, name, when, order)
        # Values substituted into Equations become constants of the group's namespace.
        namespace = _checked_namespace(namespace)
        constants = getattr(model, "substituted_values", None)
        object.__setattr__(self, "_group_namespace", {**constants, **namespace} if constants else namespace)
        object.__setattr__(self, "_size", int(engine.api.object_size(handle)))
        object.__setattr__(self, "_arrays", {})
        object.__setattr__(self, "_variable_infos", {})
        object.__setattr__(self, "_computed", {})
        if model is not None:
            _refuse_unit_names_as_variables(handle, model)

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

    def _storage_changed(self):
        """Forgets the cached arrays and size: the engine moved the group's storage (for synapses,
        connect() does). Arrays handed out before stay valid but no longer follow the model."""
        object.__setattr__(self, "_size", int(engine.api.object_size(self._handle)))
        self._arrays.clear()

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
            self._variable_infos[name] = self._lookup_variable_info(name)
        return self._variable_infos[name]

    def _lookup_variable_info(self, name):
        try:
            exponents, kind = engine.api.group_variable_dimensions(self._handle, name)
            return dimension_from_exponents(tuple(exponents)), kind
        except KeyError:
            computed = self._computed_variable(name)
            if computed is None:
                return None
            self._computed[name] = computed
            return computed.dimension, KIND_INTERNAL

    def _computed_variable(self, name):
        """The `ComputedVariable` for a name the engine does not store (None if there is none)."""
        return _GROUP_VARIABLES.get(name)

    def _variable_array(self, name):
        """``(numpy array sharing the engine's memory, read_only, is_shared)`` for a stored variable;
        computed variables give a fresh read-only array."""
        if self._variable_info(name) is not None and name in self._computed:
            computed = self._computed[name]
            values = np.asarray(computed.values(self))
            values.flags.writeable = False
            return values, True, computed.is_shared
        if name not in self._arrays:
            buffer, read_only, is_shared, _ = engine.api.object_variable(self._handle, name)
            self._arrays[name] = (np.asarray(buffer), bool(read_only), bool(is_shared))
        return self._arrays[name]

    def _is_boolean(self, name):
        """Whether a variable holds truth values: the engine stores those in one byte (`not_refractory`,
        `boolean` variables), so their arrays, and views of them through synapses, are numpy bools."""
        info = self._variable_info(name)
        if info is None or info[1] == KIND_SUBEXPRESSION:
            return False
        return self._variable_array(name)[0].dtype == bool

    def _is_integer(self, name):
        """Whether a variable the engine stores as floats is read as integers (integer model variables
        are stored as int32 and read as such without this)."""
        return False

    def _translate_index(self, item):
        """The element index that `item` (as written by the user) stands for; groups of neurons use
        indices as they are (synapses translate ``[i, j]`` pairs)."""
        return item

    def _check_variable_write(self, name):
        """Raises when variables cannot be written yet (nothing to check for neuron groups)."""

    def run_regularly(self, code, dt=None, clock=None, when="start", order=0, name=None, codeobj_class=None):
        """Runs the statements `code` for every element at each step of a clock (``dt=`` makes a new
        one, ``clock=`` uses a given one, default: the group's), in the `when` slot (default
        ``'start'``) with priority `order`, as Brian2 does. Returns the `CodeRunner`, which networks
        simulating the group simulate too."""
        from .coderunner import run_regularly
        return run_regularly(self, code, dt, clock, when, order, name, codeobj_class)

    # -- get_states / set_states ---------------------------------------------------------------------

    def _state_names(self):
        """Names `get_states()` returns by default: stored variables and the group's bookkeeping."""
        stored = [name for name in engine.api.object_variable_names(self._handle) if not name.startswith("_")]
        return sorted(set(stored) | set(_GROUP_VARIABLES) | {"N", "t_in_timesteps"})

    def get_states(self, vars=None, units=True, format="dict", subexpressions=False, read_only_variables=True,
                   level=0):
        """The values of the group's variables as a dict ``name -> values`` (copies), as in Brian2.

        `vars` names the variables (default: every state variable and the bookkeeping variables
        ``N``, ``i``, ``t``, ``dt``...); ``units=False`` gives plain arrays in SI units;
        ``read_only_variables=False`` leaves out variables that cannot be written.
        """
        if format != "dict":
            raise NotImplementedError(f"get_states supports only format='dict', not {format!r}.")
        if vars is None:
            if subexpressions:
                raise NotImplementedError("get_states(subexpressions=True) needs the names in vars=[...].")
            names = self._state_names()
        else:
            names = [vars] if isinstance(vars, str) else list(vars)
        caller = sys._getframe(level + 1)
        states = {}
        for name in names:
            if not read_only_variables and self._is_read_only(name):
                continue
            states[name] = self._state_value(name, units, caller)
        return states

    def set_states(self, values, units=True, format="dict", level=0):
        """Sets variables from a dict ``name -> values`` (with units, or in SI units when
        ``units=False``), as in Brian2."""
        if format != "dict":
            raise NotImplementedError(f"set_states supports only format='dict', not {format!r}.")
        if not isinstance(values, Mapping):
            raise TypeError(f"set_states expects a dict of name -> values, got {type(values).__name__}.")
        caller = sys._getframe(level + 1)
        for name, value in values.items():
            view = self._view(name if units else name + "_")
            if view is None:
                raise KeyError(self._unknown_variable_message(name))
            view.set_item(slice(None), value, caller)

    def _state_value(self, name, units, caller):
        if name == "N":
            return np.array(len(self), dtype=np.int32)
        if name == "t_in_timesteps":
            return np.array(int(round(defaultclock.t_ / defaultclock.dt_)), dtype=np.int64)
        view = self._view(name if units else name + "_")
        if view is None:
            raise KeyError(self._unknown_variable_message(name))
        values = view.get_item(slice(None), caller)
        return values.copy() if isinstance(values, np.ndarray) else np.array(values)

    def _is_read_only(self, name):
        if name in ("N", "t_in_timesteps"):
            return True
        info = self._variable_info(name)
        if info is None or info[1] == KIND_SUBEXPRESSION:
            return True
        return self._variable_array(name)[1]

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


#: A variable Brian2 groups have that the engine does not store: its Dimension, a function giving
#: its values for a group, and whether it is a single shared value.
ComputedVariable = collections.namedtuple("ComputedVariable", "dimension values is_shared")

#: The element index and the clock's time and time step, which every Brian2 group has.
_GROUP_VARIABLES = {
    "i": ComputedVariable(DIMENSIONLESS, lambda group: np.arange(len(group), dtype=np.int32), False),
    "t": ComputedVariable(second.dim, lambda group: np.array([defaultclock.t_]), True),
    "dt": ComputedVariable(second.dim, lambda group: np.array([defaultclock.dt_]), True),
}

#: Variables Brian2 stores as booleans (the engine stores 0 and 1).


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


def _refuse_unit_names_as_variables(handle, model):
    """Brian2's SyntaxError for a model declaring a variable named like a unit (``mV : 1``): code
    strings could not tell the two apart. The engine knows the declarations, Python the unit names."""
    for word in sorted(set(re.findall(r"[A-Za-z_]\w*", str(model))) & all_units.keys()):
        try:
            engine.api.group_variable_dimensions(handle, word)
        except KeyError:
            continue
        raise SyntaxError(f"'{word}' is the name of a unit, cannot be used as a variable name.")
