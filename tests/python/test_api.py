"""Tests of the user-facing Python API (python/ranvier, outside the units package and the extension).

Part 1 checks the Python layer's own logic — namespace resolution, unit checks on assignment, magic
network collection, argument validation, lazy pylab names, import time — against a small fake of the
engine module (`FakeEngine`), swapped in for `ranvier.core.engine.api`. Part 2 runs real simulations
through the compiled engine; its expected values come from Brian2 runs (noted where used) or from
mathematics.
"""

import math
import pathlib
import re
import subprocess
import sys
import types
import warnings

import numpy as np
import pytest

import ranvier
from ranvier import (Clock, DimensionMismatchError, MagicError, Network, NeuronGroup, SpikeMonitor, StateMonitor,
                     UnsupportedEquationsException, collect, defaultclock, magic_network, mV, ms, prefs, run,
                     second, seed, start_scope, volt)
from ranvier.core import engine
from ranvier.core.namespace import FrameNamespace, resolve_external_names
from ranvier.core.preferences import PreferenceError

REPO = pathlib.Path(__file__).resolve().parents[2]
DIMENSIONLESS = (0.0,) * 7
VOLT = (2.0, 1.0, -3.0, -1.0, 0.0, 0.0, 0.0)
SECOND = (0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)


# ================================================================================================
# A fake engine: the `_ranvier` functions the Python layer calls, with behaviour simple enough to
# check what the layer sends (code, indices, namespace values) and what it does with the answers.
# ================================================================================================

class FakeHandle:
    """Stands for an engine object; keeps its state in plain attributes."""

    def __init__(self, kind, **state):
        self.kind = kind
        self.__dict__.update(state)


class FakeEngine:
    """Records calls; groups have variables given by `variables` (name -> (dims, kind, array)).

    Kind 0 is a state variable, 1 a subexpression (the 'array' is then its expression string), 2 an
    internal read-only variable. Expressions are evaluated with Python's eval over the variables.
    """

    KNOWN_FUNCTIONS = {"rand", "randn", "exp", "sin", "True", "False", "and", "or", "not", "i", "N", "t", "dt"}

    def __init__(self, variables=None, external_names=(), unsupported_methods=()):
        self.variable_template = variables or {}
        self.external_names = list(external_names)
        self.unsupported_methods = set(unsupported_methods)
        self.calls = []

    # -- bookkeeping ---------------------------------------------------------------------------------
    def _record(self, name, *args):
        self.calls.append((name, args))

    def calls_to(self, name):
        return [args for call, args in self.calls if call == name]

    # -- API -----------------------------------------------------------------------------------------
    def set_exception_types(self, mapping):
        self._record("set_exception_types", dict(mapping))
        return {}

    def seed(self, value):
        self._record("seed", value)

    def namespace_create(self):
        return FakeHandle("namespace", values={})

    def namespace_set(self, ns, name, value, dims):
        assert isinstance(value, float) and len(dims) == 7
        ns.values[name] = (value, tuple(dims))

    DTYPE_FLOAT64, DTYPE_FLOAT32 = 0, 3

    def neurongroup_create(self, n, model, method, threshold, reset, refractory, refractory_seconds, float_dtype):
        self._record("neurongroup_create", n, model, method, threshold, reset, refractory, refractory_seconds)
        if method in self.unsupported_methods:
            raise UnsupportedEquationsException(f"{method} cannot integrate these equations")
        variables = {}  # like the real engine, no 'i': the Python layer provides it
        for name, (dims, kind, values) in self.variable_template.items():
            variables[name] = (dims, kind, values if kind == 1 else np.zeros(n) + values)
        return FakeHandle("group", n=n, variables=variables)

    def object_size(self, h):
        return h.n

    def object_variable_names(self, h):
        return [name for name, (_, kind, _) in h.variables.items() if kind != 1]

    def group_variable_dimensions(self, h, name):
        if name not in h.variables:
            raise KeyError(f"'{name}' is not a variable of the group")
        dims, kind, _ = h.variables[name]
        return dims, kind

    def object_variable(self, h, name):
        if h.kind != "group":
            return h.arrays[name], True, False, h.dims[name]
        dims, kind, values = h.variables[name]
        if kind == 1:
            raise KeyError(name)
        read_only = kind == 2
        if read_only:
            values = values.view()
            values.flags.writeable = False
        return values, read_only, False, dims

    def group_external_names(self, h):
        return list(self.external_names)

    def code_external_names(self, h, code, is_expression):
        identifiers = re.findall(r"[A-Za-z_]\w*", code)
        return sorted({name for name in identifiers if name not in h.variables and name not in self.KNOWN_FUNCTIONS})

    def _environment(self, h, ns):
        environment = {name: value for name, (value, _) in ns.values.items()}
        environment.update({"i": np.arange(h.n), "N": h.n})
        environment.update({name: values for name, (_, kind, values) in h.variables.items() if kind != 1})
        for name, (_, kind, expression) in h.variables.items():
            if kind == 1:
                environment[name] = eval(expression, {"__builtins__": {}}, environment)
        return environment

    def group_evaluate(self, h, expression, indices, ns):
        self._record("group_evaluate", expression, None if indices is None else list(indices), dict(ns.values))
        values = np.broadcast_to(np.asarray(eval(expression, {"__builtins__": {}}, self._environment(h, ns)),
                                            dtype=float), (h.n,))
        return values if indices is None else values[np.asarray(indices)]

    def group_execute(self, h, code, indices, ns):
        self._record("group_execute", code, None if indices is None else list(indices), dict(ns.values))

    def statemonitor_create(self, group, variables, indices):
        self._record("statemonitor_create", list(variables), None if indices is None else list(indices))
        recorded = group.n if indices is None else len(indices)
        steps = 4
        arrays = {"t": np.arange(steps) * 1e-4}
        dims = {"t": SECOND}
        for k, name in enumerate(variables):
            arrays[name] = np.arange(steps * recorded, dtype=float).reshape(steps, recorded) + 1000 * k
            dims[name] = group.variables[name][0]
        return FakeHandle("statemonitor", arrays=arrays, dims=dims)

    def spikemonitor_create(self, group, variables, record):
        self._record("spikemonitor_create", list(variables), record)
        return FakeHandle("spikemonitor", arrays={"i": np.array([], dtype=np.int32), "t": np.array([]),
                                                  "count": np.zeros(group.n, dtype=np.int32)},
                          dims={"i": DIMENSIONLESS, "t": SECOND, "count": DIMENSIONLESS})

    def object_set_schedule(self, h, when, order):
        self._record("object_set_schedule", h.kind, when, order)

    def clock_create(self, dt):
        return FakeHandle("clock", dt=dt)

    def network_default_clock(self, net):
        return FakeHandle("clock", network=net)

    def clock_state(self, clock):
        net = clock.network
        return net.dt, round(net.t / net.dt)

    def object_set_clock(self, h, clock):
        self._record("object_set_clock", h.kind, None if clock is None else clock.dt)

    def network_create(self):
        network = FakeHandle("network", t=0.0, dt=None)
        self._record("network_create", network)
        return network

    def network_set_dt(self, net, dt):
        net.dt = dt

    def network_set_threads(self, net, threads):
        net.threads = threads

    def network_time(self, net):
        return net.t, net.dt

    def network_run(self, net, objects, duration, ns, report=None, report_period=0.0):
        self._record("network_run", net, list(objects), duration, dict(ns.values))
        net.t += duration


@pytest.fixture
def fake_engine(monkeypatch):
    """Installs a FakeEngine (configure it with `fake_engine.configure(...)`) and isolates the magic
    network and the default clock from other tests."""
    fake = FakeEngine(variables={
        "v": (VOLT, 0, 0.0),
        "w": (DIMENSIONLESS, 0, 0.0),
        "s": (VOLT, 1, "v * 2"),
    })
    monkeypatch.setattr(engine, "api", fake)
    monkeypatch.setattr(magic_network, "_engine_network", None)
    monkeypatch.setattr(defaultclock, "_last_network", None)
    monkeypatch.setattr(defaultclock, "_dt", 1e-4)
    start_scope()
    yield fake
    start_scope()


def make_group(n=5, **kwargs):
    return NeuronGroup(n, "dv/dt = -v/(10*ms) : volt", **kwargs)


# ================================================================================================
# Part 1: the Python layer, with the fake engine
# ================================================================================================

# -- namespace resolution --------------------------------------------------------------------------

SHADOWED = 1.0
ONLY_GLOBAL = 4.0


def test_namespace_resolves_locals_before_globals_and_converts_quantities_to_si():
    SHADOWED = 2.0  # noqa: F841 - read from this frame
    tau = 10 * ms  # noqa: F841
    resolved = resolve_external_names(["tau", "SHADOWED", "ONLY_GLOBAL"], FrameNamespace(sys._getframe()))
    assert resolved == {"tau": (pytest.approx(0.01), SECOND), "SHADOWED": (2.0, DIMENSIONLESS),
                        "ONLY_GLOBAL": (4.0, DIMENSIONLESS)}
    # REPO is a Path, not a value: it is skipped, and nothing else defines the name
    with pytest.raises(KeyError, match='The identifier "REPO" could not be resolved.'):
        resolve_external_names(["REPO"], FrameNamespace(sys._getframe()))


def test_namespace_unknown_name_uses_brian2_wording():
    with pytest.raises(KeyError) as error:
        resolve_external_names(["undefined_name_xyz"], {})
    assert error.value.args[0] == 'The identifier "undefined_name_xyz" could not be resolved.'


def test_namespace_defaults_come_first_as_in_brian2():
    # Brian2 looks up constants and units before the run namespace and warns about the clash.
    with pytest.warns(UserWarning, match='"ms" refers to different objects'):
        resolved = resolve_external_names(["ms"], {"ms": 5.0})
    assert resolved["ms"] == (pytest.approx(1e-3), SECOND)
    with pytest.warns(UserWarning, match='"pi" refers to different objects'):
        assert resolve_external_names(["pi"], {"pi": 3.0})["pi"][0] == math.pi


def test_namespace_same_value_in_two_places_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolved = resolve_external_names(["mV", "e"], {"mV": mV, "e": np.e})
    assert resolved["mV"] == (pytest.approx(1e-3), VOLT)


def test_namespace_rejects_arrays_and_skips_non_values():
    with pytest.raises(KeyError, match="Variable tau was found in the namespace, but is not a scalar value"):
        resolve_external_names(["tau"], {"tau": np.array([1.0, 2.0]) * ms})
    with pytest.raises(KeyError, match='"label" could not be resolved'):
        resolve_external_names(["label"], {"label": "a string"})
    with pytest.raises(TypeError, match='"z" refers to a value of type complex'):
        resolve_external_names(["z"], {"z": 1 + 2j})


def test_namespace_accepts_numpy_scalars_booleans_and_zero_d_arrays():
    resolved = resolve_external_names(["a", "b", "c"], {"a": np.float32(1.5), "b": True, "c": np.array(2.0)})
    assert resolved == {"a": (1.5, DIMENSIONLESS), "b": (1.0, DIMENSIONLESS), "c": (2.0, DIMENSIONLESS)}


def test_run_takes_names_from_the_callers_locals(fake_engine):
    fake_engine.external_names = ["tau", "v0"]
    G = make_group()  # noqa: F841 - collected by run()
    tau = 10 * ms  # noqa: F841
    v0 = -70 * mV  # noqa: F841
    run(1 * ms)
    (_, _, duration, namespace), = fake_engine.calls_to("network_run")
    assert duration == pytest.approx(1e-3)
    assert namespace["tau"] == (pytest.approx(0.01), SECOND)
    assert namespace["v0"] == (pytest.approx(-0.07), VOLT)


def test_run_explicit_namespace_replaces_the_callers_names(fake_engine):
    fake_engine.external_names = ["tau"]
    G = make_group()  # noqa: F841
    tau = 10 * ms  # noqa: F841
    run(1 * ms, namespace={"tau": 20 * ms})
    assert fake_engine.calls_to("network_run")[0][3]["tau"][0] == pytest.approx(0.02)
    with pytest.raises(KeyError, match='"tau" could not be resolved'):
        run(1 * ms, namespace={})


def test_run_from_a_helper_needs_level(fake_engine):
    fake_engine.external_names = ["tau"]

    def helper():
        run(1 * ms, level=1)

    G = make_group()  # noqa: F841
    tau = 3 * ms  # noqa: F841
    helper()
    assert fake_engine.calls_to("network_run")[0][3]["tau"][0] == pytest.approx(3e-3)


def test_unresolvable_name_at_run_raises_keyerror_and_does_not_run(fake_engine):
    fake_engine.external_names = ["tau_missing"]
    G = make_group()  # noqa: F841
    with pytest.raises(KeyError, match='The identifier "tau_missing" could not be resolved.'):
        run(1 * ms)
    assert fake_engine.calls_to("network_run") == []


def test_group_specific_namespace_is_used(fake_engine):
    fake_engine.external_names = ["tau"]
    G = make_group(namespace={"tau": 7 * ms})  # noqa: F841
    run(1 * ms)
    assert fake_engine.calls_to("network_run")[0][3]["tau"][0] == pytest.approx(7e-3)
    with pytest.raises(ValueError, match="underscores"):
        make_group(namespace={"_x": 1})


# -- setting and reading variables ------------------------------------------------------------------

def test_assigning_a_quantity_writes_si_values_into_engine_memory(fake_engine):
    G = make_group()
    G.v = -70 * mV
    engine_array = G._handle.variables["v"][2]
    assert np.allclose(engine_array, -0.07)
    G.v[2:4] = [1, 2] * mV
    assert np.allclose(engine_array, [-0.07, -0.07, 0.001, 0.002, -0.07])
    G.w = [1, 2, 3, 4, 5]
    assert np.array_equal(G._handle.variables["w"][2], [1, 2, 3, 4, 5])


def test_dimension_mismatch_names_variable_and_units(fake_engine):
    G = make_group()
    with pytest.raises(DimensionMismatchError) as error:
        G.v = 3
    message = str(error.value)
    assert "v should be set with a value with units" in message and "got 3" in message
    with pytest.raises(DimensionMismatchError, match="w should be set with a dimensionless value"):
        G.w = 3 * mV
    with pytest.raises(DimensionMismatchError):
        G.v[0] = 5 * second


def test_zero_fits_any_dimension_as_in_brian2(fake_engine):
    G = make_group()
    G.v = 5 * mV
    G.v = 0
    assert np.all(G._handle.variables["v"][2] == 0)


def test_length_mismatch_and_bad_indices(fake_engine):
    G = make_group()
    with pytest.raises(ValueError, match="Provided values do not match the size of the indices, 3 != 2."):
        G.v[[1, 2]] = [1, 2, 3] * mV
    with pytest.raises(IndexError):
        G.v[10]
    with pytest.raises(TypeError, match="integer and boolean"):
        G.v[np.array([0.5])]
    with pytest.raises(IndexError, match="1-d indices"):
        G.v[1, 2]


def test_read_only_subexpression_and_unknown_attributes(fake_engine):
    G = make_group()
    with pytest.raises(TypeError, match="Variable i is read-only."):
        G.i = 3
    with pytest.raises(TypeError, match="Variable s is read-only."):
        G.s = 1 * mV
    with pytest.raises(AttributeError, match="No attribute with name foo"):
        G.foo
    with pytest.raises(AttributeError, match='Could not find a state variable with name "vv". Did you mean to write "v"'):
        G.vv = 3 * mV
    G.active = False  # an existing attribute can still be set
    assert G.active is False


def test_reading_gives_quantities_or_plain_arrays(fake_engine):
    G = make_group()
    G.v = [1, 2, 3, 4, 5] * mV
    G.w = [1, 2, 3, 4, 5]
    assert isinstance(G.v[:], ranvier.Quantity) and G.v[:].dim == volt.dim
    assert np.allclose(np.asarray(G.v[:]), [0.001, 0.002, 0.003, 0.004, 0.005])
    assert type(G.w[:]) is np.ndarray and type(G.w[0]) is np.float64
    assert isinstance(G.v[0], ranvier.Quantity) and float(np.asarray(G.v[0])) == pytest.approx(0.001)
    assert np.array_equal(G.i[:], np.arange(5)) and G.i[:].dtype == np.int32
    assert G.N == 5 and len(G) == 5 and len(G.v) == 5
    assert np.allclose(np.asarray(G.v_[:]), [0.001, 0.002, 0.003, 0.004, 0.005])  # Brian2's unitless spelling
    assert type(G.v_[:]) is np.ndarray


def test_state_views_share_memory_with_the_engine(fake_engine):
    G = make_group()
    values = G.w[:]
    G.w = 4
    assert np.all(values == 4)


def test_variable_view_arithmetic_and_numpy_functions(fake_engine):
    G = make_group()
    G.v = [1, 2, 3, 4, 5] * mV
    G.w = [1, 2, 3, 4, 5]
    assert np.allclose(np.asarray(G.v + 1 * mV), [0.002, 0.003, 0.004, 0.005, 0.006])
    assert np.allclose(G.w * 2, [2, 4, 6, 8, 10]) and np.allclose(2 * G.w, [2, 4, 6, 8, 10])
    assert np.allclose(10 - G.w, [9, 8, 7, 6, 5])
    assert np.mean(G.w) == 3.0
    assert np.allclose(np.asarray(np.mean(G.v)), 0.003) and np.mean(G.v).dim == volt.dim
    assert np.allclose(np.exp(G.w), np.exp([1, 2, 3, 4, 5]))
    assert list(G.w > 2) == [False, False, True, True, True]
    assert np.allclose(np.asarray(G.w), [1, 2, 3, 4, 5])
    G.w += 1
    assert np.allclose(G.w[:], [2, 3, 4, 5, 6])
    with pytest.raises(TypeError, match="In-place modification with strings"):
        G.w += "1"
    with pytest.raises(TypeError, match="Cannot use 'v' as an exponent"):
        2 ** G.v


def test_variable_view_repr_matches_brian2(fake_engine):
    G = make_group()
    G.w = [1, 2, 3, 4, 5]
    assert repr(G.w) == f"<{G.name}.w: array([1., 2., 3., 4., 5.])>"
    assert repr(G.v).startswith(f"<{G.name}.v: ")


def test_subexpression_is_evaluated_by_the_engine(fake_engine):
    G = make_group()
    G.v = [1, 2, 3, 4, 5] * mV
    assert np.allclose(np.asarray(G.s[:]), [0.002, 0.004, 0.006, 0.008, 0.010])
    assert np.allclose(np.asarray(G.s[1]), 0.004)
    assert fake_engine.calls_to("group_evaluate")[-1][:2] == ("s", [1])


def test_string_assignment_is_executed_with_names_from_the_assigning_frame(fake_engine):
    G = make_group()
    v0_max = 3.0  # noqa: F841
    G.w = "i*v0_max/(N-1)"
    code, indices, namespace = fake_engine.calls_to("group_execute")[-1]
    assert code == "w = i*v0_max/(N-1)" and indices is None and namespace == {"v0_max": (3.0, DIMENSIONLESS)}
    G.v[1:3] = "rand()*mV"
    code, indices, namespace = fake_engine.calls_to("group_execute")[-1]
    assert code == "v = rand()*mV" and indices == [1, 2] and namespace["mV"] == (pytest.approx(1e-3), VOLT)
    with pytest.raises(KeyError, match='"unknown_thing" could not be resolved'):
        G.w = "unknown_thing"


def test_condition_strings_select_elements(fake_engine):
    G = make_group()
    G.v["i > 2"] = 5 * mV
    assert np.allclose(G._handle.variables["v"][2], [0, 0, 0, 0.005, 0.005])
    threshold = 3  # noqa: F841
    G.w["i >= threshold"] = "7"
    code, indices, _ = fake_engine.calls_to("group_execute")[-1]
    assert code == "w = 7" and indices == [3, 4]
    assert np.allclose(np.asarray(G.v["i > 3"]), [0.005])
    with pytest.raises(TypeError, match="has to be a string or a scalar"):
        G.v["i > 2"] = [1, 2] * mV


# -- NeuronGroup arguments -------------------------------------------------------------------------

def test_neurongroup_passes_arguments_to_the_engine(fake_engine):
    NeuronGroup(3, "dv/dt = -v/tau : 1", threshold="v > 1", reset="v = 0", refractory=5 * ms)
    NeuronGroup(3, "dv/dt = -v/tau : 1", method="euler", refractory="v > 0.5")
    first, second_call = fake_engine.calls_to("neurongroup_create")
    assert first == (3, "dv/dt = -v/tau : 1", "", "v > 1", "v = 0", "", pytest.approx(5e-3))
    assert second_call == (3, "dv/dt = -v/tau : 1", "euler", "", "", "v > 0.5", 0.0)


def test_neurongroup_tries_a_method_list_in_order(fake_engine):
    fake_engine.unsupported_methods = {"exact"}
    NeuronGroup(1, "dv/dt = -v/tau : 1", method=["exact", "heun"])
    assert [call[2] for call in fake_engine.calls_to("neurongroup_create")] == ["exact", "heun"]
    fake_engine.unsupported_methods = {"exact", "euler"}
    with pytest.raises(UnsupportedEquationsException, match="None of the integration methods"):
        NeuronGroup(1, "dv/dt = -v/tau : 1", method=("exact", "euler"))


def test_neurongroup_argument_validation(fake_engine):
    with pytest.raises(ValueError, match="NeuronGroup size should be at least 1, was 0"):
        NeuronGroup(0, "v : 1")
    with pytest.raises(TypeError, match="First NeuronGroup argument should be size"):
        NeuronGroup("v : 1", 1)
    with pytest.raises(TypeError, match="integer"):
        NeuronGroup(2.5, "v : 1")
    with pytest.raises(DimensionMismatchError, match="refractory period"):
        NeuronGroup(1, "v : 1", refractory=5 * mV)
    with pytest.raises(DimensionMismatchError):
        NeuronGroup(1, "v : 1", refractory=5)
    with pytest.raises(TypeError, match="threshold has to be a code string"):
        NeuronGroup(1, "v : 1", threshold=1.0)
    with pytest.raises(NotImplementedError, match="dt"):
        NeuronGroup(1, "v : 1", dt=0.1 * ms)
    with pytest.raises(NotImplementedError, match="events"):
        NeuronGroup(1, "v : 1", events={"custom": "v > 1"})
    with pytest.raises(TypeError):
        NeuronGroup(1, "v : 1", not_an_argument=1)
    assert fake_engine.calls_to("neurongroup_create") == []


def test_names_are_unique_among_living_objects(fake_engine):
    a, b = make_group(), make_group()
    assert a.name != b.name and a.name.startswith("neurongroup") and b.name.startswith("neurongroup")
    named = make_group(name="excitatory")
    assert named.name == "excitatory"


# -- monitors --------------------------------------------------------------------------------------

def test_statemonitor_record_arguments(fake_engine):
    G = make_group()
    StateMonitor(G, "v", record=True)
    StateMonitor(G, ["v", "w"], record=[1, 3])
    StateMonitor(G, "v", record=2)
    StateMonitor(G, "v", record=False)
    calls = fake_engine.calls_to("statemonitor_create")
    assert calls == [(["v"], None), (["v", "w"], [1, 3]), (["v"], [2]), (["v"], [])]
    assert ("statemonitor", "start", 0) in fake_engine.calls_to("object_set_schedule")
    with pytest.raises(IndexError, match=r"outside of the range \[0, 4\]"):
        StateMonitor(G, "v", record=[7])
    with pytest.raises(KeyError):
        StateMonitor(G, "zz", record=True)
    StateMonitor(G, "v", record=True, dt=1 * ms)
    assert fake_engine.calls_to("object_set_clock") == [("statemonitor", 1e-3)]
    with pytest.raises(ValueError, match="either a dt or a clock"):
        StateMonitor(G, "v", record=True, dt=1 * ms, clock=Clock(2 * ms))


def test_statemonitor_values_are_transposed_views_with_units(fake_engine):
    G = make_group()
    M = StateMonitor(G, ["v", "w"], record=[1, 3])
    steps_by_recorded = M.handle.arrays["v"]  # shape (4 steps, 2 recorded)
    assert M.v.shape == (2, 4) and M.v.dim == volt.dim
    assert np.array_equal(np.asarray(M.v), steps_by_recorded.T)
    assert np.shares_memory(np.asarray(M.v), steps_by_recorded)  # a transposed view, not a copy
    assert type(M.w) is np.ndarray and np.array_equal(M.w, M.handle.arrays["w"].T)
    assert np.allclose(np.asarray(M.t), [0, 1e-4, 2e-4, 3e-4]) and M.t.dim == second.dim
    assert np.array_equal(np.asarray(M[3].v), steps_by_recorded[:, 1])
    assert np.array_equal(M.record, [1, 3]) and M.record.dtype == np.int32
    with pytest.raises(IndexError, match="Index number 2 has not been recorded"):
        M[2]
    with pytest.raises(AttributeError):
        M.not_recorded


def test_spikemonitor_derived_values(fake_engine):
    G = make_group()
    S = SpikeMonitor(G)
    assert ("spikemonitor", "thresholds", 1) in fake_engine.calls_to("object_set_schedule")
    S.handle.arrays["i"] = np.array([3, 0, 3, 1], dtype=np.int32)
    S.handle.arrays["t"] = np.array([0.001, 0.002, 0.003, 0.004])
    S.handle.arrays["count"] = np.array([1, 1, 0, 2, 0], dtype=np.int32)  # the engine counts
    assert S.i.dtype == np.int32 and list(S.i) == [3, 0, 3, 1]
    assert np.allclose(np.asarray(S.t), [0.001, 0.002, 0.003, 0.004]) and S.t.dim == second.dim
    assert list(S.count) == [1, 1, 0, 2, 0] and S.num_spikes == 4 and len(S) == 4
    trains = S.spike_trains()
    assert sorted(trains) == [0, 1, 2, 3, 4]
    assert np.allclose(np.asarray(trains[3]), [0.001, 0.003]) and len(trains[2]) == 0
    i, t = S.it
    assert list(i) == [3, 0, 3, 1]
    with pytest.raises(TypeError, match="True or False"):
        SpikeMonitor(G, record=[1, 2])


# -- the magic network -----------------------------------------------------------------------------

def test_run_collects_visible_objects_of_the_current_scope(fake_engine):
    old = make_group()  # noqa: F841 - created before start_scope: not collected
    start_scope()
    G = make_group()
    M = StateMonitor(G, "v", record=0)
    hidden = [SpikeMonitor(G)]  # objects inside containers are not collected (Brian2)
    assert collect() == {G, M}
    run(1 * ms)
    (_, objects, _, _), = fake_engine.calls_to("network_run")
    assert set(objects) == {G.handle, M.handle} and hidden[0].handle not in objects


def test_time_continues_across_runs_and_restarts_for_new_objects(fake_engine):
    G = make_group()  # noqa: F841
    run(2 * ms)
    run(3 * ms)
    assert float(np.asarray(magic_network.t)) == pytest.approx(5e-3)
    assert float(np.asarray(defaultclock.t)) == pytest.approx(5e-3)
    start_scope()
    assert float(np.asarray(defaultclock.t)) == pytest.approx(5e-3)  # start_scope alone keeps t (Brian2)
    H = make_group()  # noqa: F841
    run(1 * ms)
    assert float(np.asarray(magic_network.t)) == pytest.approx(1e-3)
    assert len(fake_engine.calls_to("network_create")) == 2


def test_mixing_old_and_new_objects_is_a_magic_error(fake_engine):
    G = make_group()  # noqa: F841
    run(1 * ms)
    H = make_group()  # noqa: F841
    with pytest.raises(MagicError):
        run(1 * ms)


def test_new_monitors_continue_the_simulation(fake_engine):
    G = make_group()
    run(1 * ms)
    M = SpikeMonitor(G)  # noqa: F841
    run(1 * ms)
    assert float(np.asarray(magic_network.t)) == pytest.approx(2e-3)


def test_monitor_without_its_group_is_switched_off_with_a_warning(fake_engine):
    def monitor_of_hidden_group():
        return StateMonitor(make_group(), "v", record=True)

    M = monitor_of_hidden_group()
    with pytest.warns(UserWarning, match="Setting '.*' to inactive"):
        run(1 * ms)
    assert M.active is False and fake_engine.calls_to("network_run") == []


def test_objects_run_in_one_network_cannot_join_another(fake_engine):
    G = make_group()
    run(1 * ms)
    with pytest.raises(RuntimeError, match="another network"):
        Network(G)


def test_run_argument_validation(fake_engine, capsys):
    G = make_group()  # noqa: F841
    with pytest.raises(DimensionMismatchError, match="unit second"):
        run(1)
    with pytest.raises(DimensionMismatchError):
        run(1 * mV)
    with pytest.raises(ValueError, match="non-negative duration"):
        run(-1 * ms)
    with pytest.raises(ValueError, match='report argument "fancy"'):
        run(1 * ms, report="fancy")
    assert fake_engine.calls_to("network_run") == []
    run(1 * ms, report="text")
    printed = capsys.readouterr().out
    assert "Starting simulation at t=" in printed and "(100%) simulated in" in printed


def test_explicit_network(fake_engine):
    G = make_group()
    M = StateMonitor(G, "v", record=True)
    net = Network(G)
    net.add([M])
    assert net.objects == {G, M} and net[M.name] is M
    net.run(2 * ms)
    net.run(1 * ms)
    assert float(np.asarray(net.t)) == pytest.approx(3e-3)
    with pytest.raises(ValueError, match="depends"):
        Network(StateMonitor(make_group(), "v", record=True)).run(1 * ms)
    with pytest.raises(TypeError):
        net.add(5)


def test_dt_is_sent_to_the_engine(fake_engine):
    G = make_group()  # noqa: F841
    defaultclock.dt = 0.05 * ms
    assert float(np.asarray(defaultclock.dt)) == pytest.approx(5e-5)
    run(1 * ms)
    assert magic_network._handle.dt == pytest.approx(5e-5)
    with pytest.raises(DimensionMismatchError):
        defaultclock.dt = 0.1
    with pytest.raises(ValueError, match="positive"):
        defaultclock.dt = -0.1 * ms


# -- seed, prefs, exception registration --------------------------------------------------------------

def test_seed(fake_engine):
    seed(42)
    first = np.random.rand(3)
    seed(42)
    assert np.array_equal(np.random.rand(3), first)
    seed()
    assert [args for args in fake_engine.calls_to("seed")] == [(42,), (42,), (-1,)]
    with pytest.raises(ValueError):
        seed(-5)
    with pytest.raises(TypeError):
        seed(1.5)


def test_prefs_accept_brian2_settings():
    prefs.codegen.target = "numpy"
    assert prefs.codegen.target == "numpy" and prefs["codegen.target"] == "numpy"
    prefs.codegen.target = "auto"
    prefs.core.default_float_dtype = np.float32
    assert prefs.core.default_float_dtype is np.float32
    prefs.core.default_float_dtype = np.dtype("float64")
    assert prefs.core.default_float_dtype is np.float64
    for bad in (np.int32, "float16", "double please"):
        with pytest.raises(PreferenceError, match="float32 or float64"):
            prefs.core.default_float_dtype = bad
    assert prefs.core.default_float_dtype is np.float64
    with pytest.raises(PreferenceError, match="unregistered"):
        prefs.codegen.tagret = "numpy"
    with pytest.raises(AttributeError):
        prefs.nonexistent.thing


def test_exception_types_registered(fake_engine):
    engine.register_exception_types()
    (mapping,), = fake_engine.calls_to("set_exception_types")
    assert mapping == {1: SyntaxError, 2: DimensionMismatchError, 3: KeyError, 4: ValueError, 5: IndexError,
                       6: TypeError, 7: NotImplementedError, 8: UnsupportedEquationsException,
                       9: KeyboardInterrupt, 10: OSError, 11: MemoryError, 12: RuntimeError}


# -- the star import, lazy pylab names, import time ----------------------------------------------------

def _star_names():
    namespace = {}
    exec("from ranvier import *", namespace)
    return namespace


def test_star_import_provides_brian2_script_names():
    names = _star_names()
    for name in ["NeuronGroup", "StateMonitor", "SpikeMonitor", "Network", "run", "start_scope", "collect",
                 "defaultclock", "seed", "prefs", "ms", "mV", "volt", "second", "Hz", "exp", "sin", "linspace",
                 "ones", "arange", "mean", "array", "pi", "e", "inf", "rand", "randn", "np", "plot", "figure",
                 "subplot", "xlabel", "ylabel", "legend", "hist", "axvline", "axhline", "show", "title", "xlim",
                 "ylim", "plt", "DimensionMismatchError"]:
        assert name in names, name
    assert names["seed"] is seed and names["abs"] is abs and names["max"] is max and names["round"] is round
    assert names["sum"] is np.sum  # as with pylab's star import
    assert "f" not in names  # Brian2 removes numpy.random.f from its star import


def test_pylab_names_import_matplotlib_only_when_called(monkeypatch):
    calls = []
    fake_pyplot = types.ModuleType("matplotlib.pyplot")
    fake_pyplot.plot = lambda *args, **kwargs: calls.append((args, kwargs)) or "plotted"
    fake_matplotlib = types.ModuleType("matplotlib")
    fake_matplotlib.pyplot = fake_pyplot
    fake_matplotlib.rcParams = {"lines.linewidth": 1.5}
    monkeypatch.setitem(sys.modules, "matplotlib", fake_matplotlib)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", fake_pyplot)
    names = _star_names()
    assert names["plot"]([1, 2], "k.", lw=2) == "plotted" and calls == [(([1, 2], "k."), {"lw": 2})]
    assert names["plt"].plot is fake_pyplot.plot
    assert names["plot"].__name__ == "plot"
    names["rcParams"]["lines.linewidth"] = 3
    assert fake_matplotlib.rcParams["lines.linewidth"] == 3 and names["rcParams"]["lines.linewidth"] == 3


def test_every_lazy_pyplot_name_is_exported():
    from ranvier.pylab import PYPLOT_FUNCTIONS
    names = _star_names()
    assert all(callable(names[name]) for name in PYPLOT_FUNCTIONS)


def test_import_does_not_load_matplotlib_and_is_fast():
    code = ("import sys, time; start = time.perf_counter(); import ranvier; from ranvier import *; "
            "elapsed = time.perf_counter() - start; "
            "print(elapsed, 'matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    timings = []
    for _ in range(3):
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        elapsed, matplotlib_loaded, pyplot_loaded = output.split()
        assert matplotlib_loaded == "False" and pyplot_loaded == "False"
        timings.append(float(elapsed))
    assert min(timings) < 0.5, timings


# ================================================================================================
# Part 2: end to end, through the compiled engine
# ================================================================================================

@pytest.fixture
def fresh_scope():
    start_scope()
    defaultclock.dt = 0.1 * ms
    yield
    start_scope()


def test_e2e_exact_relaxation_matches_closed_form(fresh_scope):
    tau = 10 * ms  # noqa: F841
    G = NeuronGroup(1, "dv/dt = (1-v)/tau : 1", method="exact")
    assert G.v[0] == 0
    run(100 * ms)
    assert G.v[0] == pytest.approx(1 - math.exp(-10), rel=1e-9)  # 1 - exp(-t/tau)
    assert float(np.asarray(defaultclock.t)) == pytest.approx(0.1)


def test_e2e_refractory_spike_times_match_brian2(fresh_scope):
    # Spike times observed with Brian2 2.11 (numpy target) for this model: 5.0, 14.0, 23.0 ms...
    G = NeuronGroup(1, "dv/dt = (1.5-v)/(8*ms) : 1 (unless refractory)", threshold="v>0.7", reset="v=0",
                    refractory=4 * ms, method="exact")
    spikes = SpikeMonitor(G)
    run(30 * ms)
    assert np.allclose(np.asarray(spikes.t / ms), [5.0, 14.0, 23.0])
    assert list(spikes.i) == [0, 0, 0] and list(spikes.count) == [3]


def test_e2e_statemonitor_records_at_step_start(fresh_scope):
    tau = 10 * ms  # noqa: F841
    G = NeuronGroup(3, "dv/dt = (1-v)/tau : 1", method="exact")
    G.v = [0.1, 0.2, 0.3]
    M = StateMonitor(G, "v", record=[0, 2])
    run(3 * ms)
    assert M.v.shape == (2, 30) and float(np.asarray(M.t[0])) == 0.0
    assert np.allclose(M.v[:, 0], [0.1, 0.3])  # recorded before the first update (Brian2: when='start')
    assert np.allclose(np.asarray(M.t / ms), np.arange(30) * 0.1)
    expected = 1 - (1 - 0.3) * np.exp(-np.asarray(M.t) / 0.01)
    assert np.allclose(M[2].v, expected, rtol=1e-9)


def test_e2e_string_assignment_with_external_names(fresh_scope):
    N = 100
    v0_max = 3.0  # noqa: F841
    G = NeuronGroup(N, "v0 : 1")
    G.v0 = "i*v0_max/(N-1)"
    assert np.allclose(G.v0[:], np.linspace(0, 3, N))


def test_e2e_random_initialisation_is_reproducible(fresh_scope):
    G = NeuronGroup(50, "v : 1")
    seed(11)
    G.v = "rand()"
    first = np.array(G.v[:])
    seed(11)
    G.v = "rand()"
    assert np.array_equal(G.v[:], first) and np.all((first >= 0) & (first < 1)) and len(set(first)) == 50


def test_e2e_units_on_variables(fresh_scope):
    G = NeuronGroup(2, "dv/dt = (vr - v)/(10*ms) : volt", method="exact")
    vr = -70 * mV  # noqa: F841
    G.v = "vr"
    assert np.allclose(np.asarray(G.v[:]), [-0.07, -0.07]) and G.v[:].dim == volt.dim
    with pytest.raises(DimensionMismatchError):
        G.v = 5


def test_e2e_dimensionally_inconsistent_model_fails(fresh_scope):
    with pytest.raises(DimensionMismatchError):
        G = NeuronGroup(1, "dv/dt = 1-v : 1")  # noqa: F841
        run(1 * ms)


def test_e2e_missing_external_name(fresh_scope):
    G = NeuronGroup(1, "dv/dt = -v/tau_not_defined_anywhere : 1")  # noqa: F841
    with pytest.raises(KeyError, match='"tau_not_defined_anywhere" could not be resolved'):
        run(1 * ms)


def test_e2e_time_continues_and_restarts(fresh_scope):
    G = NeuronGroup(1, "v : 1")  # noqa: F841
    run(2 * ms)
    run(3 * ms)
    assert float(np.asarray(defaultclock.t)) == pytest.approx(5e-3)
    start_scope()
    H = NeuronGroup(1, "v : 1")  # noqa: F841
    run(1 * ms)
    assert float(np.asarray(defaultclock.t)) == pytest.approx(1e-3)


def test_e2e_index_and_clock_variables(fresh_scope):
    G = NeuronGroup(4, "v : 1")
    G.v = "i * 2"
    run(1 * ms)
    assert list(G.i[:]) == [0, 1, 2, 3] and list(G.v[:]) == [0, 2, 4, 6]
    assert list(G.v[G.i > 1]) == [4, 6] and list(G.v["i > 1"]) == [4, 6]
    assert float(np.asarray(G.t)) == pytest.approx(1e-3) and float(np.asarray(G.dt)) == pytest.approx(1e-4)


def test_e2e_subexpression_read(fresh_scope):
    G = NeuronGroup(3, "v : volt\ns = 2*v : volt")
    G.v = [1, 2, 3] * mV
    assert np.allclose(np.asarray(G.s[:]), [0.002, 0.004, 0.006]) and G.s[:].dim == volt.dim


def test_last_run_timing_reports_preparation_and_loop_seconds(fresh_scope):
    G = NeuronGroup(10, "dv/dt = -v/(10*ms) : 1", method="exact")  # noqa: F841 (collected by run)
    run(20 * ms)
    timing = magic_network.last_run_timing
    assert set(timing) == {"prepare", "loop"}
    assert 0 < timing["prepare"] < 10 and 0 < timing["loop"] < 10


def test_threads_preference_is_validated_and_does_not_change_results(fresh_scope):
    with pytest.raises(PreferenceError, match="whole number of threads"):
        prefs.ranvier.threads = 0
    results = []
    for threads in (1, 2):
        start_scope()
        prefs.ranvier.threads = threads
        G = NeuronGroup(70000, "dv/dt = (v0 - v)/(10*ms) : 1 (unless refractory)\nv0 : 1", threshold="v > 1",
                        reset="v = 0", refractory=2 * ms, method="exact")
        G.v0 = "1 + (i % 97)*0.02"
        M = SpikeMonitor(G)
        run(10 * ms)
        results.append((M.i[:].copy(), M.t_[:].copy(), G.v_[:].copy()))
    prefs.ranvier.threads = 1
    assert len(results[0][0]) > 1000
    for first, second in zip(*results):
        np.testing.assert_array_equal(first, second)
