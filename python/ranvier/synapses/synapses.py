"""`Synapses`: connections from a source group to a target group, as in Brian2.

Synaptic variables are read and written like a group's (``S.w = 'j*0.2'``, ``S.w['i > 2']``,
``S.w[0, 1]`` for the synapses from neuron 0 to neuron 1); ``S.i``/``S.j`` are the pre- and
postsynaptic neuron indices; ``S.v_post``, ``S.v_pre`` (and ``S.v`` for a target variable) read
the connected neurons' variables, synapse by synapse. Synapses are created by `connect()`, which
moves the engine's storage: cached arrays are dropped then.
"""

import sys
import warnings

import numpy as np

from ..core import engine
from ..core.clock import defaultclock
from ..groups.group import _GROUP_VARIABLES, ComputedVariable, Group
from ..groups.neurongroup import DEFAULT_METHODS
from ..units import DIMENSIONLESS
from .connect import connect as connect_synapses
from .indexing import SynapticSubgroup, synapse_indices, synapse_numbers
from .pathways import SynapticPathway, pathway_specs, presynaptic_delay

_SUFFIXES = (("_pre", "source", "i"), ("_post", "target", "j"))


class Synapses(Group):
    """Synapses from `source` to `target` (default: `source` itself) with per-synapse `model`
    equations, code run on presynaptic (`on_pre`) and postsynaptic (`on_post`) spikes and delays.

    `on_pre`/`on_post` are code strings or dicts of named pathways (``pre``/``post`` are Brian2's
    deprecated spellings); `delay` is a single time for the ``pre`` pathway or a dict of pathway
    names to times. `method` integrates clock-driven equations. Arguments Ranvier does not support
    yet raise NotImplementedError when given a value other than their default.
    """

    def __init__(self, source, target=None, model=None, on_pre=None, pre=None, on_post=None, post=None,
                 connect=None, delay=None, on_event="spike", multisynaptic_index=None, namespace=None, dtype=None,
                 codeobj_class=None, dt=None, clock=None, order=0, method=DEFAULT_METHODS, method_options=None,
                 name="synapses*"):
        if connect is not None:
            raise TypeError("The connect keyword argument is no longer supported, call the connect method instead.")
        _reject_unsupported(on_event=None if on_event == "spike" else on_event, dtype=dtype, codeobj_class=codeobj_class,
                            dt=dt, clock=None if clock is None or clock is defaultclock else clock,
                            order=None if order == 0 else order, method_options=method_options)
        on_pre = _deprecated_alias(on_pre, pre, "pre")
        on_post = _deprecated_alias(on_post, post, "post")
        target = source if target is None else target
        for role, group in (("source", source), ("target", target)):
            if not isinstance(group, Group):
                raise TypeError(f"The {role} of Synapses has to be a group (e.g. a NeuronGroup), not "
                                f"{type(group).__name__}.")
        model = "" if model is None else model
        if not isinstance(model, str):
            raise TypeError(f"model has to be a string of equations, is '{type(model).__name__}' instead.")
        if multisynaptic_index is not None:
            if not isinstance(multisynaptic_index, str):
                raise TypeError("multisynaptic_index argument has to be a string")
            model = f"{model}\n{multisynaptic_index} : integer"
        specs = pathway_specs(on_pre, on_post, delay)
        handle = engine.api.synapses_create(source.handle, target.handle, model, _method_name(method),
                                            presynaptic_delay(specs) or 0.0, engine.float_dtype_code())
        for spec in specs:
            engine.api.synapses_add_pathway(handle, spec.name, spec.is_pre, spec.code, spec.delay or 0.0)
        super().__init__(handle, name, namespace, model=model)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "_dependencies", tuple({id(g): g for g in (source, target)}.values()))
        object.__setattr__(self, "_connect_called", False)
        #: The name of the variable numbering the synapses of each (i, j) pair, or None.
        object.__setattr__(self, "multisynaptic_index", multisynaptic_index)
        object.__setattr__(self, "_pathways", {})
        for spec in specs:
            self._add_pathway_attribute(SynapticPathway(self, spec))

    @property
    def N_pre(self):
        """Number of neurons in the source group (an int, as in Brian2)."""
        return len(self.source)

    @property
    def N_post(self):
        """Number of neurons in the target group (an int, as in Brian2)."""
        return len(self.target)

    def _add_pathway_attribute(self, pathway):
        # As in Brian2, a pathway may shadow a model variable of the same name, but not an attribute.
        if pathway.objname in ("delay", "delay_"):
            raise AttributeError(f"A pathway cannot be called '{pathway.objname}': S.delay is the delay of the "
                                 "'pre' pathway.")
        if pathway.objname in self.__dict__ or hasattr(type(self), pathway.objname):
            raise ValueError(f"Cannot add updater with name '{pathway.objname}', synapses object already has an "
                             "attribute with this name.")
        object.__setattr__(self, pathway.objname, pathway)
        self._pathways[pathway.objname] = pathway

    # -- creating synapses ---------------------------------------------------------------------------

    def connect(self, condition=None, i=None, j=None, p=1.0, n=1, skip_if_invalid=False, namespace=None, level=0):
        """Creates synapses (see Brian2's `Synapses.connect` and the module `connect` for the forms):
        ``connect()``, ``connect('i != j', p=0.1)``, ``connect(i=[0, 1], j=2)``, ``connect(j='i')``,
        ``connect(j='k for k in range(i-1, i+2)', skip_if_invalid=True)``..."""
        try:
            connect_synapses(self, condition, i, j, p, n, skip_if_invalid, namespace, sys._getframe(level + 1))
        finally:
            self._storage_changed()  # whatever happened, never keep arrays of the old storage
        object.__setattr__(self, "_connect_called", True)
        self._apply_single_presynaptic_delay()
        if self.multisynaptic_index is not None:
            self._variable_array(self.multisynaptic_index)[0][:] = synapse_numbers(self.i[:], self.j[:])

    def _apply_single_presynaptic_delay(self):
        """A single delay given for the presynaptic pathways holds for every synapse, old and new."""
        single = [p.single_delay for p in self._pathways.values() if p.prepost == "pre" and p.single_delay is not None]
        if single and len(self) > 0:
            self._variable_array("delay")[0][:] = single[0]

    def _presynaptic_pathway_count(self):
        return sum(1 for pathway in self._pathways.values() if pathway.prepost == "pre")

    # -- indexing ------------------------------------------------------------------------------------

    def __getitem__(self, item):
        """The synapses ``S[i, j]``, ``S[0, :]``, ``S['w > 0']`` designate (e.g. for ``record=``)."""
        if isinstance(item, str):
            indices = np.flatnonzero(self._evaluate(item, None, sys._getframe(1)))
        else:
            indices = np.arange(len(self))[self._translate_index(item)]
        return SynapticSubgroup(self, np.atleast_1d(indices))

    def _translate_index(self, item):
        return synapse_indices(self, item)

    def _check_variable_write(self, name):
        if not self._connect_called:
            raise TypeError(f"Cannot write to synaptic variable '{name}', you need to call connect(...) first")

    # -- variables -----------------------------------------------------------------------------------

    def _view(self, name):
        if name in ("delay", "delay_"):
            pathway = self._pathways.get("pre")
            if pathway is None:
                raise AttributeError("Synapses do not have a 'pre' pathway, do not know what 'delay' refers to.")
            return pathway._delay_view(use_units=name == "delay")
        return super()._view(name)

    def _computed_variable(self, name):
        if name in ("t", "dt"):
            return _GROUP_VARIABLES[name]
        if name in ("i", "j"):
            return ComputedVariable(DIMENSIONLESS, lambda s: engine.api.object_variable(s.handle, name)[0], False)
        if name in ("N_pre", "N_post"):
            group = self.source if name == "N_pre" else self.target
            return ComputedVariable(DIMENSIONLESS, lambda s: np.array([len(group)], dtype=np.int32), True)
        if name in ("N_incoming", "N_outgoing"):
            index, group = ("j", self.target) if name == "N_incoming" else ("i", self.source)
            return ComputedVariable(DIMENSIONLESS, lambda s: _synapse_counts(s, index, group), False)
        return self._neuron_variable(name)

    def _neuron_variable(self, name):
        """``x_pre``, ``x_post`` and unsuffixed target variables, read synapse by synapse."""
        for suffix, role, index in _SUFFIXES:
            if name.endswith(suffix):
                return _neuron_variable_of(getattr(self, role), name[: -len(suffix)], index)
        return _neuron_variable_of(self.target, name, "j")

    def _is_integer(self, name):
        return name == self.multisynaptic_index

    def _state_names(self):
        own = [name for name in engine.api.object_variable_names(self._handle)
               if not name.startswith("_") and name != "delay"]
        names = set(own) | {"i", "j", "N", "t", "dt", "t_in_timesteps", "N_pre", "N_post", "N_incoming",
                            "N_outgoing"}
        if "pre" in self._pathways:
            names.add("delay")
        for group, suffix in ((self.source, "_pre"), (self.target, "_post")):
            names.update(name + suffix for name in _neuron_state_names(group))
        unsuffixed = [name for name in _neuron_state_names(self.target) if name not in names]
        return sorted(names | set(unsuffixed))

    def __repr__(self):
        return (f"Synapses(source='{self.source.name}', target='{self.target.name}', name='{self.name}', "
                f"{len(self)} synapses)")


def _neuron_state_names(group):
    return [name for name in group._state_names() if name not in ("N", "t_in_timesteps")]


def _neuron_variable_of(group, name, index):
    info = group._variable_info(name)
    if info is None or info[1] == 1:
        return None
    dimension, _ = info

    def values(synapses):
        array, _, is_shared = group._variable_array(name)
        return array.copy() if is_shared else array[synapses._variable_array(index)[0]]

    return ComputedVariable(dimension, values, group._variable_array(name)[2])


def _synapse_counts(synapses, index, group):
    neurons = synapses._variable_array(index)[0]
    return np.bincount(neurons, minlength=len(group)).astype(np.int32)[neurons]


def _method_name(method):
    """The engine integrates clock-driven synaptic equations when a run starts, so a list of methods
    cannot be tried here: Brian2's default list is delegated to the engine as ''."""
    if isinstance(method, str):
        return method
    if not callable(method) and hasattr(method, "__iter__") and tuple(method) == DEFAULT_METHODS:
        return ""
    raise NotImplementedError(f"Synapses support a method name or Brian2's default list, got {method!r}.")


def _deprecated_alias(new, old, name):
    if old is None:
        return new
    if new is not None:
        raise TypeError(f"Cannot specify both '{name}' and 'on_{name}'. The '{name}' keyword is deprecated, use the "
                        f"'on_{name}' keyword instead.")
    warnings.warn(f"The '{name}' keyword is deprecated, use 'on_{name}' instead.", DeprecationWarning, stacklevel=3)
    return old


def _reject_unsupported(**arguments):
    given = [name for name, value in arguments.items() if value is not None]
    if given:
        raise NotImplementedError(f"Synapses does not support the argument(s) {', '.join(given)} yet.")
