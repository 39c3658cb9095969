"""Pathways: the code a `Synapses` object runs on presynaptic (``on_pre``) or postsynaptic
(``on_post``) spikes, and their delays.

Brian2's rules: ``on_pre='code'`` is the pathway named ``pre`` (``on_post``: ``post``); a dict gives
several named pathways. ``delay=quantity`` is a single delay for the ``pre`` pathway, a dict maps
pathway names to single delays; pathways without one get per-synapse delays (``S.delay``, 0 at
first). Within one step, presynaptic pathways run before postsynaptic ones, and pathways of the
same kind in the alphabetical order of their names.

The engine keeps one per-synapse ``delay`` shared by all presynaptic pathways and one fixed delay
per postsynaptic pathway; combinations it cannot represent are refused with NotImplementedError.
"""

import collections
import sys
from collections.abc import Mapping

import numpy as np

from ..core.quantities import scalar_seconds
from .delays import PathwayDelayView

#: One pathway as given by the user; `delay` is a time in seconds, or None when not given.
PathwaySpec = collections.namedtuple("PathwaySpec", "name is_pre code delay")


def pathway_specs(on_pre, on_post, delay):
    """The pathways of ``Synapses(on_pre=..., on_post=..., delay=...)``, in the engine's run order."""
    delays = _delays_by_pathway(delay)
    specs = []
    for prepost, argument in (("pre", on_pre), ("post", on_post)):
        for name, code in _named_codes(prepost, argument):
            specs.append(PathwaySpec(name, prepost == "pre", code, delays.get(name)))
    names = {spec.name for spec in specs}
    for name in delays:
        if name not in names:
            raise ValueError(f"Cannot set the delay for pathway '{name}': unknown pathway.")
    _check_shared_presynaptic_delay(specs)
    return sorted(specs, key=lambda spec: (not spec.is_pre, spec.name))


def presynaptic_delay(specs):
    """The single delay (seconds) given for the presynaptic pathways, or None."""
    given = [spec.delay for spec in specs if spec.is_pre and spec.delay is not None]
    return given[0] if given else None


def _delays_by_pathway(delay):
    if delay is None:
        return {}
    if isinstance(delay, Mapping):
        return {name: _delay_seconds(value, name) for name, value in delay.items()}
    if isinstance(delay, (str, bytes)) or np.ndim(delay) != 0:
        raise TypeError(f"Delay argument has to be a quantity or a dictionary, is type {type(delay)} instead.")
    return {"pre": _delay_seconds(delay, "pre")}


def _delay_seconds(value, pathway):
    seconds = scalar_seconds(value, f"The delay of pathway '{pathway}'")
    if not seconds >= 0:
        raise ValueError(f"The delay of pathway '{pathway}' must be a non-negative time, got {value!r}.")
    return seconds


def _named_codes(prepost, argument):
    if not argument:
        return []
    if isinstance(argument, str):
        return [(prepost, argument)]
    if not isinstance(argument, Mapping):
        raise TypeError(f"on_{prepost} has to be a code string or a dict of pathway names to code strings, "
                        f"got {type(argument).__name__}.")
    for name, code in argument.items():
        if not isinstance(name, str):
            raise TypeError(f"Keys for the 'on_{prepost}' argument have to be strings, got {type(name)} instead.")
        if not name.isidentifier():
            raise ValueError(f"Pathway name '{name}' is not a valid identifier.")
        if not isinstance(code, str):
            raise TypeError(f"The code of pathway '{name}' has to be a string, got {type(code).__name__}.")
    return list(argument.items())


def _check_shared_presynaptic_delay(specs):
    presynaptic = [spec for spec in specs if spec.is_pre]
    given = {spec.delay for spec in presynaptic}
    if len(presynaptic) > 1 and len(given) > 1:
        raise NotImplementedError("Ranvier's presynaptic pathways share one delay per synapse; give either the "
                                  "same delay for all of them or none (and set S.delay).")


class SynapticPathway:
    """One pathway of a `Synapses` object (``S.pre``, ``S.post`` or a named one): its code and delay."""

    def __init__(self, synapses, spec):
        self.synapses = synapses
        self.objname = spec.name
        self.name = f"{synapses.name}_{spec.name}"
        self.prepost = "pre" if spec.is_pre else "post"
        self.code = spec.code
        #: The pathway's single delay in seconds (None: a delay per synapse), changed by assignment.
        self.single_delay = spec.delay

    @property
    def delay(self):
        """The pathway's delay: per synapse (presynaptic pathways without a single delay), or one value."""
        return self._delay_view(use_units=True)

    @delay.setter
    def delay(self, value):
        self._delay_view(use_units=True).set_item(slice(None), value, sys._getframe(1))

    @property
    def delay_(self):
        """The pathway's delay in seconds, without units."""
        return self._delay_view(use_units=False)

    @delay_.setter
    def delay_(self, value):
        self._delay_view(use_units=False).set_item(slice(None), value, sys._getframe(1))

    def _delay_view(self, use_units):
        return PathwayDelayView(self, use_units)

    def __repr__(self):
        return f"<SynapticPathway '{self.name}' ({self.prepost}synaptic) of '{self.synapses.name}'>"
