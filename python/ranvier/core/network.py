"""`Network`: an explicit set of objects simulated together, with its own simulation time."""

import collections
import errno
import itertools
import os
import sys
import time
from collections.abc import Mapping

import numpy as np

from ..units import second
from . import engine
from .base import EngineObject
from .clock import defaultclock
from .names import claim_name
from .namespace import engine_namespace, resolve_external_names, run_namespace_for
from .preferences import prefs
from .quantities import scalar_seconds
from .report import reporter_for

_network_ids = itertools.count(1)


def new_network_id():
    """An identity no network has had: objects remember the id of the network they ran in."""
    return next(_network_ids)


class Network:
    """Objects (groups, monitors) simulated together; ``Network(G, M)``, ``net.add(...)``,
    ``net.run(duration)``. Each network has its own time, starting at 0 and continuing across runs."""

    def __init__(self, *objects, name="network*"):
        self.name = claim_name(name, self)
        self.objects = set()
        self._id = new_network_id()
        self._engine_network = None
        #: In-memory snapshots by name: (engine snapshot, numpy's random state at the time).
        self._stored_state = {}
        self.add(*objects)

    def add(self, *objects):
        """Adds objects, or containers (lists, sets, dict values...) of objects, recursively."""
        for obj in objects:
            if isinstance(obj, EngineObject):
                if obj._network is not None and obj._network != self._id:
                    raise RuntimeError(f"{obj.name} has already been simulated in another network, "
                                       "cannot add it to this network.")
                self.objects.add(obj)
            elif isinstance(obj, Mapping):
                self.add(*obj.values())
            elif isinstance(obj, (str, bytes)) or not hasattr(obj, "__iter__"):
                raise TypeError("Can only add objects of type NeuronGroup, StateMonitor, SpikeMonitor... "
                                f"or containers of such objects to a Network, not {type(obj).__name__}.")
            else:
                self.add(*obj)

    def remove(self, *objects):
        """Removes objects (or containers of objects) from the network."""
        for obj in objects:
            if isinstance(obj, EngineObject):
                self.objects.discard(obj)
            elif isinstance(obj, Mapping):
                self.remove(*obj.values())
            else:
                self.remove(*obj)

    def __getitem__(self, name):
        for obj in self.objects:
            if obj.name == name:
                return obj
        raise KeyError(f"No object with name '{name}' in network '{self.name}'.")

    def __len__(self):
        return len(self.objects)

    @property
    def _handle(self):
        """The engine network, created on first use (so importing ranvier creates no engine objects)."""
        if self._engine_network is None:
            self._engine_network = engine.api.network_create()
        return self._engine_network

    @property
    def t(self):
        """The network's current simulation time (read-only)."""
        return self.t_ * second

    @property
    def t_(self):
        """`t` in seconds, as a float."""
        if self._engine_network is None:
            return 0.0
        return engine.api.network_time(self._engine_network)[0]

    def _default_clock_time(self):
        """The time of the engine network's default clock, in seconds."""
        if self._engine_network is None:
            return 0.0
        dt, timestep = engine.api.clock_state(engine.api.network_default_clock(self._engine_network))
        return timestep * dt

    @property
    def last_run_timing(self):
        """Wall-clock seconds of the last run's phases in the engine, as a dict with ``prepare``
        (checking and compiling the models into kernels) and ``loop`` (the time steps)."""
        if self._engine_network is None:
            return {"prepare": 0.0, "loop": 0.0}
        prepare, loop = engine.api.network_last_run_timing(self._engine_network)
        return {"prepare": prepare, "loop": loop}

    def run(self, duration, report=None, report_period=10 * second, namespace=None, profile=None, level=0):
        """Simulates the network's objects for `duration`.

        External names in the models are taken from `namespace` if given, otherwise from the locals
        and globals of the caller (`level` more frames up). `report` is None, 'text', 'stdout',
        'stderr' or a callable ``f(elapsed, completed, start, duration)``, called when the run starts,
        every `report_period` of wall time and when it ends.
        """
        caller = sys._getframe(level + 1)
        self._run_objects(self.objects, duration, report, report_period, namespace, profile, caller)

    def _check_dependencies(self, objects):
        """Returns the objects to run; a monitor whose source is not in the network is an error."""
        names = set(objects)
        for obj in objects:
            for dependency in obj._dependencies:
                dependency = dependency._simulated_object
                if dependency not in names:
                    raise ValueError(f"'{obj.name}' has been included in the network but not the object on "
                                     f"which it depends ('{dependency.name}').")
        return objects

    def _run_objects(self, objects, duration, report, report_period, namespace, profile, caller):
        """Validates the arguments, resolves the external names and runs the active `objects`."""
        seconds = scalar_seconds(duration, "The duration of run()")
        if seconds < 0:
            raise ValueError(f"Function 'run' expected a non-negative duration but got '{duration}'")
        period = scalar_seconds(report_period, "report_period")
        if profile:
            raise NotImplementedError("run(profile=True) is not supported yet.")
        reporter = reporter_for(report)
        active = [obj for obj in self._check_dependencies(_with_contained(objects)) if obj.active]
        if not active:
            return  # as in Brian2: nothing to simulate, and the time does not advance
        _check_unique_names(active)
        running = [obj for obj in active if obj._has_engine_operations]
        namespace_handle = engine_namespace(_resolve_for_objects(running, run_namespace_for(caller, namespace)))
        self._claim(active)
        self._simulate(running, duration, seconds, namespace_handle, reporter, period)

    def _simulate(self, objects, duration, seconds, namespace_handle, reporter, report_period):
        engine.api.network_set_dt(self._handle, defaultclock.dt_)
        engine.api.network_set_threads(self._handle, prefs["ranvier.threads"])
        start = self.t
        periodic = None
        if reporter is not None:
            reporter(0 * second, 0.0, start, duration)
            start_, duration_ = float(start), seconds
            periodic = lambda elapsed: reporter(elapsed * second, (self.t_ - start_) / duration_, start, duration)
        wall_start = time.time()
        global _running_network
        outer, _running_network = _running_network, self
        try:
            # The engine keeps the given order among operations of the same slot and order; Brian2 breaks
            # such ties by object name.
            ordered = sorted(objects, key=lambda obj: obj.name)
            progress = (periodic, report_period) if periodic is not None else ()
            engine.api.network_run(self._handle, [obj.handle for obj in ordered], seconds, namespace_handle, *progress)
        finally:
            _running_network = outer
            defaultclock._ran_in(self)
        if reporter is not None:
            completed = (self.t_ - float(start)) / seconds if seconds > 0 else 1.0
            reporter((time.time() - wall_start) * second, completed, start, duration)

    def stop(self):
        """Ends the current run of this network after the step being run (e.g. from a network
        operation); `t` is then the time of the next step. No effect when the network is not running."""
        if _running_network is self:
            engine.api.network_stop(self._handle)

    # -- store / restore -------------------------------------------------------------------------------

    def store(self, name="default", filename=None):
        """Stores the state of the network and of all its objects as the snapshot `name`: variables,
        synapses (their number, indices and delays), spikes on their way, monitors' recordings, the
        time and the random number generator's state. In memory, or in the file `filename` (which
        keeps any other snapshots it holds; see `restore`). Objects are matched by name on restore.

        The engine writes the file in its own versioned binary format (documented in
        Sources/RanvierEngine/Snapshots/SnapshotFile.swift), not as a pickle; numpy's random state is
        kept only by in-memory snapshots."""
        self._store_objects(self.objects, name, filename)

    def restore(self, name="default", filename=None, restore_random_state=False):
        """Puts back the snapshot `name` taken by `store` (from memory, or from the file `filename`,
        which may come from another process running the same script). Every object needs a stored
        state under its name and every stored state an object (a KeyError otherwise). The random
        number generator (the engine's and numpy's) is restored only with ``restore_random_state=True``."""
        self._restore_objects(self.objects, name, filename, restore_random_state)

    def _store_objects(self, objects, name, filename):
        ordered = _by_name(objects)
        # The snapshot keeps the time step the next run would use, as Brian2 keeps the clock's dt.
        engine.api.network_set_dt(self._handle, defaultclock.dt_)
        snapshot = engine.api.snapshot_take(self._handle, [obj.handle for obj in ordered], [obj.name for obj in ordered])
        if filename is None:
            self._stored_state[name] = (snapshot, np.random.get_state())
        else:
            engine.api.snapshot_write(snapshot, _file_path(filename), _file_snapshot_name(name))

    def _restore_objects(self, objects, name, filename, restore_random_state):
        if filename is None:
            snapshot, numpy_state = self._stored_state[name]
        else:
            path = _file_path(filename)
            if not os.path.exists(path):
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
            try:
                snapshot, numpy_state = engine.api.snapshot_read(path, _file_snapshot_name(name)), None
            except KeyError:
                raise KeyError(name) from None
        ordered = _by_name(objects)
        engine.api.snapshot_restore(snapshot, self._handle, [obj.handle for obj in ordered],
                                    [obj.name for obj in ordered], bool(restore_random_state))
        if restore_random_state and numpy_state is not None:
            np.random.set_state(numpy_state)
        for obj in ordered:
            if hasattr(obj, "_storage_changed"):
                obj._storage_changed()  # synapses may have another number of elements now
        defaultclock.dt = engine.api.network_time(self._handle)[1] * second
        defaultclock._ran_in(self)

    def _claim(self, objects):
        """Marks the objects as belonging to this network; objects of another network are refused."""
        foreign = [obj.name for obj in objects if obj._network not in (None, self._id)]
        if foreign:
            raise RuntimeError(f"'{foreign[0]}' has already been run in the context of another network. Use "
                               "add/remove to change the objects in a simulated network instead of creating "
                               "a new one.")
        for obj in objects:
            obj._network = self._id

    def __repr__(self):
        names = ", ".join(sorted(obj.name for obj in self.objects))
        return f"<{type(self).__name__} '{self.name}' at time t={self.t}, containing objects: {names}>"


def _by_name(objects):
    """The objects in a fixed order, their names checked to be unique (snapshots match them by name)."""
    ordered = sorted(objects, key=lambda obj: obj.name)
    _check_unique_names(ordered)
    return ordered


def _file_path(filename):
    return os.fspath(filename)


def _file_snapshot_name(name):
    if not isinstance(name, str):
        raise TypeError(f"The name of a snapshot stored in a file has to be a string, got {name!r}.")
    return name


#: The network whose run is under way (a network operation's `stop()` ends it), or None.
_running_network = None


def stop():
    """Ends the run under way after the step being run (call it from a network operation)."""
    if _running_network is not None:
        _running_network.stop()


def _with_contained(objects):
    """The objects and, recursively, the objects they contain (a group's run_regularly code)."""
    result, seen = [], set()
    pending = list(objects)
    while pending:
        obj = pending.pop()
        if id(obj) not in seen:
            seen.add(id(obj))
            result.append(obj)
            pending.extend(obj._contained_objects)
    return result


def _check_unique_names(objects):
    counts = collections.Counter(obj.name for obj in objects)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise ValueError("All objects in a network need to have unique names, the following name(s) were "
                         f"used more than once: {', '.join(repr(n) for n in duplicates)}")


def _resolve_for_objects(objects, run_namespace):
    """One engine namespace serves the whole run, so each name must mean the same in every object."""
    merged, owner_of = {}, {}
    for obj in objects:
        resolved = resolve_external_names(obj._external_names(), run_namespace, obj._group_namespace, obj.name)
        for name, value in resolved.items():
            if name in merged and merged[name] != value:
                raise NotImplementedError(
                    f"The name '{name}' has different values in '{owner_of[name]}' and '{obj.name}' "
                    "(group-specific namespaces); Ranvier resolves each name once per run.")
            merged[name], owner_of[name] = value, obj.name
    return merged
