"""Low-level tests of the C extension module `ranvier._ranvier`.

The first part checks the extension's own machinery (installation, exception mapping, argument
conversion, the buffer type) and holds whatever the engine implements. The second part drives engine
objects through the extension; each of those tests names the C API functions it needs and is skipped,
with that reason shown, while the engine still reports them as not implemented.
"""

import gc
import pathlib
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from ranvier import _ranvier as ext

REPO = pathlib.Path(__file__).resolve().parents[2]
HEADER = REPO / "Sources" / "CRanvier" / "include" / "ranvier.h"
DIMENSIONLESS = (0.0,) * 7
VOLT = (2.0, 1.0, -3.0, -1.0, 0.0, 0.0, 0.0)  # kg m^2 s^-3 A^-1
SECOND = (0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)


def header_constants():
    """The integer #defines of ranvier.h, so expectations come from the header itself."""
    text = HEADER.read_text()
    return {name: int(value) for name, value in re.findall(r"#define\s+(RV_\w+)\s+(-?\d+)\b", text)}


@pytest.fixture
def exception_types():
    """Registers one distinct exception class per status code and restores the previous mapping."""
    codes = [value for name, value in header_constants().items() if name.startswith("RV_ERR_")]
    classes = {code: type(f"Status{code}Error", (Exception,), {}) for code in codes}
    previous = ext.set_exception_types(classes)
    yield classes
    ext.set_exception_types(previous)


def not_implemented_message(function):
    return f"{function} is not implemented yet"


def require(*functions):
    """Skips the calling test (with a visible reason) while the engine reports `functions` missing."""
    probes = {
        "rv_namespace_create": lambda: ext.namespace_create(),
        "rv_network_create": lambda: ext.network_create(),
        "rv_neurongroup_create": lambda: ext.neurongroup_create(1, "v : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64),
        "rv_synapses_create": lambda: ext.synapses_create(
            *(ext.neurongroup_create(1, "v : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64) for _ in range(2)), "w : 1", "", 0.0, ext.DTYPE_FLOAT64),
    }
    for function in functions:
        try:
            probes[function]()
        except Exception as error:  # the registered class varies; the message identifies a stub
            if str(error) == not_implemented_message(function):
                pytest.skip(f"engine C API: {function} is not implemented yet")
            raise


# -- installation -------------------------------------------------------------------------------------


def test_extension_is_installed_next_to_the_engine_library():
    module_dir = pathlib.Path(ext.__file__).parent
    assert (module_dir / "libranvier_engine.so").is_file()
    assert (REPO / "python") not in pathlib.Path(ext.__file__).parents, "tests must run against the installed package"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd checks apply to Linux builds only")
def test_installed_libraries_need_no_swift_runtime_and_resolve_without_search_paths():
    module_dir = pathlib.Path(ext.__file__).parent
    for library in [pathlib.Path(ext.__file__), module_dir / "libranvier_engine.so"]:
        report = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True,
                                env={"PATH": "/usr/bin:/bin"}).stdout
        assert "not found" not in report, report
        assert "swift" not in report.lower(), report


def test_api_version_matches_the_header():
    constants = header_constants()
    expected = tuple(constants[f"RV_API_VERSION_{part}"] for part in ("MAJOR", "MINOR", "PATCH"))
    assert ext.api_version() == expected


def test_status_and_dtype_constants_match_the_header():
    constants = header_constants()
    for name, value in constants.items():
        if name.startswith(("RV_ERR_", "RV_DTYPE_")) or name == "RV_OK":
            assert getattr(ext, name[len("RV_"):]) == value, name


def test_every_c_api_function_has_a_python_binding():
    declared = set(re.findall(r"^(?:rv_status|const char \*)\s*rv_(\w+)\(", HEADER.read_text(), re.MULTILINE))
    # Error messages, Handle deallocation; synapses_connect() calls the polled connect (Ctrl-C).
    used_internally = {"last_error", "release", "synapses_connect_polled"}
    assert declared > used_internally
    missing = sorted(name for name in declared - used_internally if not callable(getattr(ext, name, None)))
    assert not missing, f"ranvier.h functions without a binding in ranvier._ranvier: {missing}"


# -- Handle ---------------------------------------------------------------------------------------------


def test_handle_cannot_be_created_from_python():
    with pytest.raises(TypeError):
        ext.Handle()


@pytest.mark.parametrize("function, args", [
    ("namespace_set", (1, "tau", 1.0, DIMENSIONLESS)),
    ("group_external_names", ("not a handle",)),
    ("code_external_names", (None, "v", True)),
    ("group_execute", (object(), "v = 1", None, object())),
    ("group_evaluate", (1.5, "v", None, 2)),
    ("object_variable_names", ([],)),
    ("object_variable", ({}, "v")),
    ("group_variable_dimensions", (0, "v")),
    ("object_size", ("group",)),
    ("synapses_create", (None, None, "w : 1", "", 0.0, 0)),
    ("synapses_add_pathway", (None, "pre", True, "v_post += w", 0.0)),
    ("synapses_connect_indices", (None, [0], [1])),
    ("synapses_connect", (None, "i != j", "", "", "", False, None)),
    ("synapses_connect_external_names", (None, "i != j", "", "", "")),
    ("statemonitor_create", (None, ["v"], None)),
    ("spikemonitor_create", (3,)),
    ("spikemonitor_create", (3, ["v"], False)),
    ("statemonitor_record_single_timestep", ("monitor",)),
    ("group_model_variable_names", (None,)),
    ("poissoninput_create", (None, "v", 10, 5.0, "", 1.0, DIMENSIONLESS)),
    ("object_set_schedule", (None, "start", 0)),
    ("network_set_dt", (None, 0.1)),
    ("network_set_threads", (None, 2)),
    ("network_time", (None,)),
    ("network_set_time", (None, 0.0)),
    ("network_run", (None, [], 1.0, None)),
])
def test_functions_taking_handles_reject_other_objects_with_type_error(function, args):
    with pytest.raises(TypeError, match="Handle"):
        getattr(ext, function)(*args)


@pytest.mark.parametrize("function, args", [
    ("seed", (1.5,)),
    ("seed", ("42",)),
    ("neurongroup_create", ("ten", "v : 1", "", "", "", "", 0.0, 0)),
    ("neurongroup_create", (10, None, "", "", "", "", 0.0, 0)),
    ("neurongroup_create", (10, "v : 1", "", "", "", "", "5 ms")),
    ("neurongroup_create", (10, "v : 1")),
    ("namespace_create", (1,)),
    ("network_create", (None,)),
])
def test_functions_reject_wrongly_typed_plain_arguments(function, args):
    with pytest.raises(TypeError):
        getattr(ext, function)(*args)


def test_strings_with_nul_characters_are_rejected():
    with pytest.raises(ValueError):
        ext.neurongroup_create(1, "v : 1\0", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)


# -- exception mapping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mapping", [[(1, SyntaxError)], {"1": SyntaxError}, {1: "SyntaxError"}, {1: ValueError()}])
def test_set_exception_types_rejects_malformed_mappings(mapping):
    with pytest.raises(TypeError):
        ext.set_exception_types(mapping)


def test_set_exception_types_returns_the_previous_mapping(exception_types):
    replaced = ext.set_exception_types({1: SyntaxError})
    assert replaced == exception_types
    assert ext.set_exception_types(exception_types) == {1: SyntaxError}


def test_failure_raises_the_class_registered_for_its_status_with_the_engine_message(exception_types):
    # A malformed model fails either as a syntax error or, while the engine lacks groups, as "not implemented".
    with pytest.raises(Exception) as raised:
        ext.neurongroup_create(3, "dv/dt = = : volt", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    assert type(raised.value) in (exception_types[ext.ERR_SYNTAX], exception_types[ext.ERR_NOT_IMPLEMENTED])
    if type(raised.value) is exception_types[ext.ERR_NOT_IMPLEMENTED]:
        assert str(raised.value) == not_implemented_message("rv_neurongroup_create")
    else:
        assert str(raised.value)


def test_unregistered_status_raises_runtime_error(exception_types):
    ext.set_exception_types({})
    with pytest.raises(RuntimeError) as raised:
        ext.neurongroup_create(3, "dv/dt = = : volt", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    assert str(raised.value)


# -- argument conversion ------------------------------------------------------------------------------------


@pytest.mark.parametrize("indices, expected", [
    (None, None),
    ([], ()),
    ([0, 5, 2], (0, 5, 2)),
    ((7, -1), (7, -1)),
    (range(3), (0, 1, 2)),
    ([np.int32(4), np.uint8(9)], (4, 9)),
    (np.array([3, 1, 2], dtype=np.int64), (3, 1, 2)),
    (np.array([3, 1, 2], dtype=np.int16), (3, 1, 2)),
    (np.array([200, 1], dtype=np.uint8), (200, 1)),
    (np.arange(10, dtype=np.int32)[::3], (0, 3, 6, 9)),
    (np.array([2**40], dtype=">i8"), (2**40,)),
    (np.array([], dtype=np.int64), ()),
])
def test_indices_accept_integer_sequences_and_arrays(indices, expected):
    assert ext._indices_for_tests(indices) == expected


@pytest.mark.parametrize("indices", [
    [1.0], [1, 2.5], ["1"], [True, False], np.array([1.0, 2.0]), np.array([True]), "12", b"\x01", 3,
    np.zeros((2, 2), dtype=np.int64), [None], object(),
])
def test_indices_reject_non_integers_with_type_error(indices):
    with pytest.raises(TypeError, match="indices"):
        ext._indices_for_tests(indices)


def test_indices_too_large_for_int64_raise_overflow_error():
    with pytest.raises(OverflowError):
        ext._indices_for_tests([2**70])
    with pytest.raises(OverflowError):
        ext._indices_for_tests(np.array([2**63], dtype=np.uint64))


@pytest.mark.parametrize("dims", [VOLT, list(VOLT), np.array(VOLT), (2, 1, -3, -1, 0, 0, 0)])
def test_dimensions_accept_seven_numbers(dims):
    assert ext._dimensions_for_tests(dims) == VOLT


def test_dimensions_reject_wrong_length_and_types():
    with pytest.raises(ValueError, match="7"):
        ext._dimensions_for_tests((1.0, 2.0))
    with pytest.raises(TypeError):
        ext._dimensions_for_tests(("m",) * 7)
    with pytest.raises(TypeError):
        ext._dimensions_for_tests("abcdefg")
    with pytest.raises(TypeError):
        ext._dimensions_for_tests(1.0)


# -- the buffer type ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype, numpy_dtype, fmt", [
    (ext.DTYPE_FLOAT64, np.float64, "d"),
    (ext.DTYPE_INT32, np.int32, "i"),
    (ext.DTYPE_BOOL, np.bool_, "?"),
])
def test_array_buffer_exposes_format_and_shape_of_one_dimensional_arrays(dtype, numpy_dtype, fmt):
    storage = bytearray(np.arange(5).astype(numpy_dtype).tobytes())
    buffer = ext._array_view_for_tests(storage, dtype, 5, 1, False, False)
    view = memoryview(buffer)
    assert (view.format, view.ndim, view.shape, view.readonly) == (fmt, 1, (5,), False)
    array = np.asarray(buffer)
    assert array.dtype == numpy_dtype and array.shape == (5,)
    np.testing.assert_array_equal(array, np.arange(5).astype(numpy_dtype))


def test_array_buffer_is_a_zero_copy_view_in_both_directions():
    storage = bytearray(6 * 8)
    array = np.asarray(ext._array_view_for_tests(storage, ext.DTYPE_FLOAT64, 2, 3, True, False))
    assert array.shape == (2, 3) and array.strides == (24, 8) and array.flags.c_contiguous
    array[1, 2] = 4.5
    assert np.frombuffer(storage, dtype=np.float64)[5] == 4.5
    storage[0:8] = np.float64(-2.0).tobytes()
    assert array[0, 0] == -2.0


def test_read_only_array_buffer_gives_read_only_numpy_arrays():
    buffer = ext._array_view_for_tests(bytearray(16), ext.DTYPE_FLOAT64, 2, 1, False, True)
    array = np.asarray(buffer)
    assert not array.flags.writeable
    with pytest.raises(ValueError):
        array[0] = 1.0
    assert memoryview(buffer).readonly


def test_array_buffer_keeps_its_owner_alive_after_every_other_reference_is_gone():
    storage = bytearray(np.array([1.0, 2.0, 3.0]).tobytes())
    array = np.asarray(ext._array_view_for_tests(storage, ext.DTYPE_FLOAT64, 3, 1, False, False))
    del storage
    gc.collect()
    np.testing.assert_array_equal(array, [1.0, 2.0, 3.0])


def test_empty_array_buffer_is_valid():
    array = np.asarray(ext._array_view_for_tests(bytearray(), ext.DTYPE_FLOAT64, 0, 4, True, False))
    assert array.shape == (0, 4)


@pytest.mark.parametrize("dtype, rows, cols, is_2d", [
    (99, 1, 1, False),     # unknown dtype
    (ext.DTYPE_FLOAT64, -1, 1, False),
    (ext.DTYPE_FLOAT64, 2, 2, False),  # a 1-d array has one column
])
def test_array_buffer_refuses_inconsistent_descriptions(dtype, rows, cols, is_2d):
    with pytest.raises(RuntimeError):
        ext._array_view_for_tests(bytearray(64), dtype, rows, cols, is_2d, False)


def test_array_buffer_refuses_more_elements_than_its_memory():
    with pytest.raises(ValueError):
        ext._array_view_for_tests(bytearray(8), ext.DTYPE_FLOAT64, 2, 1, False, False)


# -- engine objects through the extension (skipped with a reason while the engine lacks them) ------------------


def make_namespace(**values):
    ns = ext.namespace_create()
    for name, (value, dims) in values.items():
        ext.namespace_set(ns, name, value, dims)
    return ns


def test_namespace_accepts_values_and_rejects_bad_dimensions():
    require("rv_namespace_create")
    ns = make_namespace(tau=(0.01, SECOND), v0=(1.0, DIMENSIONLESS))
    assert isinstance(ns, ext.Handle)
    with pytest.raises(ValueError):
        ext.namespace_set(ns, "tau", 1.0, (0.0, 1.0))
    with pytest.raises(TypeError):
        ext.namespace_set(ns, "tau", "10 ms", SECOND)


def test_group_variable_is_a_shared_buffer_that_keeps_the_group_alive():
    require("rv_namespace_create", "rv_neurongroup_create")
    ns = make_namespace(tau=(0.01, SECOND))
    group = ext.neurongroup_create(4, "dv/dt = -v/tau : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    assert ext.object_size(group) == 4
    assert "v" in ext.object_variable_names(group)
    buffer, read_only, is_shared, dims = ext.object_variable(group, "v")
    assert (read_only, is_shared, dims) == (False, False, DIMENSIONLESS)
    values = np.asarray(buffer)
    assert values.dtype == np.float64 and values.shape == (4,)
    values[:] = [1.0, 2.0, 3.0, 4.0]
    np.testing.assert_array_equal(np.asarray(ext.group_evaluate(group, "2*v", None, ns)), [2.0, 4.0, 6.0, 8.0])
    np.testing.assert_array_equal(np.asarray(ext.group_evaluate(group, "v", np.array([3, 0]), ns)), [4.0, 1.0])
    ext.group_execute(group, "v = 7", [1], ns)
    del group, buffer
    gc.collect()
    np.testing.assert_array_equal(values, [1.0, 7.0, 3.0, 4.0])


def test_group_calls_reject_bad_index_and_name_arguments():
    require("rv_namespace_create", "rv_neurongroup_create")
    ns = make_namespace()
    group = ext.neurongroup_create(3, "v : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    with pytest.raises(TypeError, match="indices"):
        ext.group_execute(group, "v = 1", [0.5], ns)
    with pytest.raises(TypeError, match="indices"):
        ext.group_evaluate(group, "v", "0", ns)
    with pytest.raises(TypeError, match="variables"):
        ext.statemonitor_create(group, "v", None)
    with pytest.raises(TypeError, match="variables"):
        ext.statemonitor_create(group, ["v", 1], None)


def test_ctrl_c_stops_a_run_and_the_engine_refuses_reentry_meanwhile():
    require("rv_namespace_create", "rv_neurongroup_create", "rv_network_create")
    ns = make_namespace(tau=(0.01, SECOND))
    group = ext.neurongroup_create(1000, "dv/dt = -v/tau : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    network = ext.network_create()
    ext.network_set_dt(network, 1e-4)
    reentry_errors = []

    def on_alarm(signum, frame):
        try:
            ext.namespace_create()
        except RuntimeError as error:
            reentry_errors.append(str(error))
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            ext.network_run(network, [group], 1e6, ns)  # would take hours
        elapsed = time.monotonic() - started
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert elapsed < 10.0
    assert reentry_errors and "running" in reentry_errors[0]
    t, dt = ext.network_time(network)
    assert dt == 1e-4 and 0.0 < t < 1e6


def test_monitor_arrays_stay_valid_after_later_runs_and_after_the_monitor_is_gone():
    require("rv_namespace_create", "rv_neurongroup_create", "rv_network_create")
    ns = make_namespace(tau=(0.01, SECOND))
    group = ext.neurongroup_create(3, "dv/dt = -v/tau : 1", "", "v > 1.5", "v = 0", "", 0.0, ext.DTYPE_FLOAT64)
    assert ext.group_external_names(group) == ["tau"]
    ext.group_execute(group, "v = 1 + i", None, ns)
    states = ext.statemonitor_create(group, ["v"], [0, 2])
    spikes = ext.spikemonitor_create(group)
    network = ext.network_create()
    ext.network_set_dt(network, 1e-4)
    ext.network_run(network, [group, states, spikes], 1e-3, ns)

    recorded, read_only, _, dims = ext.object_variable(states, "v")
    first = np.asarray(recorded)
    assert read_only and dims == DIMENSIONLESS
    assert first.shape == (10, 2) and not first.flags.writeable
    before = first.copy()
    spike_indices = np.asarray(ext.object_variable(spikes, "i")[0])
    assert spike_indices.dtype == np.int32

    ext.network_run(network, [group, states, spikes], 1e-2, ns)  # the monitor grows into new memory
    del states, spikes, recorded
    gc.collect()
    np.testing.assert_array_equal(first, before)
    assert ext.network_time(network)[0] == pytest.approx(0.011)


def test_synapses_deliver_a_spike_and_check_their_arguments():
    require("rv_namespace_create", "rv_neurongroup_create", "rv_network_create", "rv_synapses_create")
    ns = make_namespace(width=(1.0, DIMENSIONLESS))
    source = ext.neurongroup_create(2, "v : 1", "", "v > 0.5", "v = 0", "", 0.0, ext.DTYPE_FLOAT64)
    target = ext.neurongroup_create(2, "v : 1", "", "", "", "", 0.0, ext.DTYPE_FLOAT64)
    ext.group_execute(source, "v = 1", [0], ns)
    synapses = ext.synapses_create(source, target, "w : 1", "", 0.0, ext.DTYPE_FLOAT64)
    ext.synapses_add_pathway(synapses, "pre", True, "v_post += w", 0.0)
    with pytest.raises(ValueError, match="same length"):
        ext.synapses_connect_indices(synapses, [0, 1], [1])
    with pytest.raises(TypeError, match="j"):
        ext.synapses_connect_indices(synapses, [0], [1.5])
    assert ext.synapses_connect_external_names(synapses, "abs(i - j) < width", "", "", "") == ["width"]
    ext.synapses_connect_indices(synapses, np.array([0]), [1])
    assert ext.object_size(synapses) == 1
    ext.group_execute(synapses, "w = 0.25", None, ns)
    network = ext.network_create()
    ext.network_set_dt(network, 1e-4)
    ext.network_run(network, [source, target, synapses], 1e-3, ns)
    np.testing.assert_array_equal(np.asarray(ext.object_variable(target, "v")[0]), [0.0, 0.25])
