"""The "magic" network behind the module-level `run()`: it simulates the objects visible where
`run()` was called.

Brian2's rules, followed here: `run()` collects the groups and monitors bound to names in the
caller's locals and globals (not those hidden inside lists or other containers) that were created
since the last `start_scope()`. If all of them are new, a new simulation starts at t=0; if all have
been run before by `run()`, the simulation continues where it stopped; a mix is a `MagicError`.
New monitors never force a restart. A monitor whose source group is not collected is switched off
with a warning. Subgroups (``G[:10]``) are not collected: an object using one depends on its parent.
"""

import sys
import warnings

from ..units import second
from .base import EngineObject, _Scope
from .errors import MagicError
from .network import Network, new_network_id


class MagicNetwork(Network):
    """The single network used by `run()`; objects cannot be added to it by hand."""

    def __init__(self):
        super().__init__(name="magicnetwork")

    def add(self, *objects):
        """Refused: the magic network collects its objects itself."""
        if objects:
            raise MagicError("Cannot directly modify MagicNetwork")

    def remove(self, *objects):
        """Refused: the magic network collects its objects itself."""
        raise MagicError("Cannot directly modify MagicNetwork")

    def run(self, duration, report=None, report_period=10 * second, namespace=None, profile=None, level=0):
        """Collects the visible objects (see the module documentation) and simulates them."""
        caller = sys._getframe(level + 1)
        self._update_objects(collect_from_frame(caller))
        try:
            self._run_objects(self.objects, duration, report, report_period, namespace, profile, caller)
        finally:
            self.objects = set()

    def store(self, name="default", filename=None, level=0):
        """`Network.store` for the objects `run()` would simulate here (`level` frames further up)."""
        self._store_objects(self._collect_for_snapshot(sys._getframe(level + 1)), name, filename)

    def restore(self, name="default", filename=None, restore_random_state=False, level=0):
        """`Network.restore` for the objects `run()` would simulate here (`level` frames further up)."""
        self._restore_objects(self._collect_for_snapshot(sys._getframe(level + 1)), name, filename,
                              restore_random_state)

    def _collect_for_snapshot(self, frame):
        """The visible objects, which (as in Brian2) now belong to the magic network: a `run()` after
        `store()` continues the simulation instead of starting a new one."""
        objects = collect_from_frame(frame)
        self._update_objects(objects)
        self.objects = set()
        for obj in objects:
            if obj._network is None:
                obj._network = self._id
        return objects

    def _update_objects(self, objects):
        known = any(obj._network == self._id for obj in objects)
        new = any(obj._network is None and obj.invalidates_magic_network for obj in objects)
        if known and new:
            raise MagicError("The magic network contains a mix of objects that has been run before and new "
                             "objects, Ranvier does not know whether you want to start a new simulation or "
                             "continue an old one. Consider explicitly creating a Network object. Also note "
                             "that you can find out which objects will be included in a magic network with "
                             "the collect() function.")
        if new:
            self._start_new_simulation()
        self.objects = set(objects)

    def _start_new_simulation(self):
        """A fresh engine network (time 0) and a fresh identity, so earlier objects count as foreign."""
        self._engine_network = None
        self._id = new_network_id()

    def _check_dependencies(self, objects):
        """Switches off (with a warning) monitors whose source was not collected, as Brian2 does."""
        included = set(objects)
        for obj in objects:
            needed = [dependency._simulated_object for dependency in obj._dependencies]
            missing = [dependency for dependency in needed if dependency not in included]
            if obj.active and missing:
                warnings.warn(f"'{obj.name}' has been included in the network but not the object on which it "
                              f"depends ('{missing[0].name}'). Setting '{obj.name}' to inactive.", stacklevel=5)
                obj.active = False
        return objects

    def __repr__(self):
        return "MagicNetwork()"


def collect_from_frame(frame):
    """The objects `run()` called from `frame` would simulate."""
    candidates = list(frame.f_globals.values()) + list(frame.f_locals.values())
    unique = {id(obj): obj for obj in candidates if isinstance(obj, EngineObject)}
    return {obj for obj in unique.values() if obj._scope_key == _Scope.current and obj.add_to_magic_network}


def collect(level=0):
    """The set of objects that `run()` would simulate if called here (`level` frames further up)."""
    return collect_from_frame(sys._getframe(level + 1))


#: The one magic network.
magic_network = MagicNetwork()


def store(name="default", filename=None):
    """Stores the state of the objects `run()` would simulate here as the snapshot `name`, in memory
    or in the file `filename` (see `Network.store`)."""
    magic_network.store(name=name, filename=filename, level=1)


def restore(name="default", filename=None, restore_random_state=False):
    """Restores the snapshot `name` (from memory or from the file `filename`) into the objects
    `run()` would simulate here (see `Network.restore`)."""
    magic_network.restore(name=name, filename=filename, restore_random_state=restore_random_state, level=1)


def run(duration, report=None, report_period=10 * second, namespace=None, profile=None, level=0):
    """Simulates every visible object for `duration` (see the module documentation).

    `namespace` replaces the caller's locals and globals for resolving external names; `level` says
    how many frames further up the caller is (for `run()` called inside a helper function).
    """
    magic_network.run(duration, report=report, report_period=report_period, namespace=namespace,
                      profile=profile, level=level + 1)
