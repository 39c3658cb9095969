"""Exact comparison of a deterministic model's results (dicts written by run_script.py).

Rules, all relative to Brian2 (the reference):
- spikes: the same (time step, neuron index) pairs; times are compared as step indices, i.e. after
  rounding t/dt to the nearest integer, so that a representation error far below dt cannot matter;
- spike counts, and variables holding booleans: exactly equal;
- times (monitor t, lastspike, the clock's final t): the same step indices;
- every other value (traces and final state variables): |ranvier - brian2| <= 1e-9 * scale, where
  scale is the largest |value| Brian2 has for that array. The tolerance is thus relative to the
  variable's own magnitude: 1e-9 for a dimensionless v of order 1, 7e-11 V for a membrane potential
  near -70 mV, 1e-18 A for currents of order 1 nA. NaN and infinities must sit at the same places.
  Models stored in single precision are compared with a larger relative tolerance, given by the test.
"""

import numpy as np

RELATIVE_TOLERANCE = 1e-9

TIME_SUFFIXES = (".t", ".lastspike")
EXACT_SUFFIXES = (".count", ".not_refractory")


def time_steps(times: np.ndarray, dt: float) -> np.ndarray:
    """Times as integer step indices (the sentinel lastspike of -1e4 s also maps to an integer)."""
    return np.rint(np.asarray(times, dtype=np.float64) / dt).astype(np.int64)


def spike_monitor_names(results: dict) -> list:
    """Names of the monitors that stored spikes (they have `.i`, `.t` and `.count` arrays)."""
    names = (key[: -len(".count")] for key in results if key.endswith(".count"))
    return sorted(name for name in names if f"{name}.i" in results and f"{name}.t" in results)


def describe_first_difference(label: str, expected: np.ndarray, actual: np.ndarray) -> str:
    if expected.shape != actual.shape:
        return f"{label}: shape {actual.shape} differs from Brian2's {expected.shape}"
    where = np.argwhere(expected != actual)
    first = tuple(where[0]) if len(where) else ()
    return (f"{label}: {len(where)} of {expected.size} entries differ; first at index {first}: "
            f"ranvier {actual[first]!r}, brian2 {expected[first]!r}")


def assert_spikes_equal(name: str, expected: dict, actual: dict, dt: float) -> None:
    """Same set of (step, index) spike events; the order within one step is not significant."""
    def events(results):
        steps = time_steps(results[f"{name}.t"], dt)
        indices = results[f"{name}.i"].astype(np.int64)
        order = np.lexsort((indices, steps))
        return np.stack([steps[order], indices[order]], axis=1)

    brian2_events, ranvier_events = events(expected), events(actual)
    if brian2_events.shape != ranvier_events.shape or not np.array_equal(brian2_events, ranvier_events):
        raise AssertionError(
            f"{describe_first_difference(name + ' spikes (step, i)', brian2_events, ranvier_events)}"
            f"\nranvier has {len(ranvier_events)} spikes, brian2 {len(brian2_events)}; "
            f"first ranvier events {ranvier_events[:5].tolist()}, brian2 {brian2_events[:5].tolist()}"
        )


def assert_values_close(key: str, expected: np.ndarray, actual: np.ndarray,
                        relative_tolerance: float = RELATIVE_TOLERANCE) -> None:
    if expected.shape != actual.shape:
        raise AssertionError(describe_first_difference(key, expected, actual))
    special = ~np.isfinite(expected)
    if not np.array_equal(special, ~np.isfinite(actual)) or not np.array_equal(
        expected[special], actual[special]
    ):
        raise AssertionError(f"{key}: NaN/inf entries differ between ranvier and brian2")
    finite_expected, finite_actual = expected[~special], actual[~special]
    if finite_expected.size == 0:
        return
    scale = float(np.max(np.abs(finite_expected)))
    error = np.abs(finite_actual - finite_expected)
    worst = int(np.argmax(error))
    if error[worst] > relative_tolerance * scale:
        raise AssertionError(
            f"{key}: max |ranvier - brian2| = {error[worst]:.3e} exceeds {relative_tolerance:g} * {scale:.3e} "
            f"(flattened index {worst}: ranvier {finite_actual[worst]!r}, "
            f"brian2 {finite_expected[worst]!r})"
        )


def assert_array_matches(key: str, expected: np.ndarray, actual: np.ndarray, dt: float,
                         relative_tolerance: float = RELATIVE_TOLERANCE) -> None:
    """Compares one stored array with the rule its name calls for (see the module docstring)."""
    if key.endswith(TIME_SUFFIXES):
        expected_steps, actual_steps = time_steps(expected, dt), time_steps(actual, dt)
        if expected_steps.shape != actual_steps.shape or not np.array_equal(expected_steps, actual_steps):
            raise AssertionError(describe_first_difference(key + " (in steps)", expected_steps, actual_steps))
    elif key.endswith(EXACT_SUFFIXES):
        if expected.shape != actual.shape or not np.array_equal(expected, actual):
            raise AssertionError(describe_first_difference(key, expected, actual))
    else:
        assert_values_close(key, expected, actual, relative_tolerance)


def assert_same_keys(expected: dict, actual: dict) -> None:
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    if missing or extra:
        raise AssertionError(
            f"ranvier's results lack {missing} and have unexpected {extra} "
            "(keys are <global name>.<variable>, collected by tests/oracle/run_script.py; a group's "
            "variables come from NeuronGroup.get_states(units=False))"
        )


def assert_same_results(expected: dict, actual: dict, skip=(), relative_tolerance: float = RELATIVE_TOLERANCE) -> None:
    """Asserts a deterministic model gave Brian2's results (`expected`) in `actual`.

    Spike monitors are compared first, then every other array both have, and only then whether an
    array is missing, so that the first failure reported is the most telling one. `skip` names keys
    to leave out; `relative_tolerance` applies to values (see the module docstring).
    """
    dt = float(expected["_meta.dt"])
    if float(actual["_meta.dt"]) != dt:
        raise AssertionError(f"dt is {float(actual['_meta.dt'])!r} s, Brian2's is {dt!r} s")
    spike_keys = set()
    for name in spike_monitor_names(expected):
        if {f"{name}.i", f"{name}.t"} <= set(actual):
            assert_spikes_equal(name, expected, actual, dt)
        spike_keys.update({f"{name}.i", f"{name}.t"})
    for key in sorted(set(expected) & set(actual)):
        if key in spike_keys or key in skip or key == "_meta.dt":
            continue
        assert_array_matches(key, expected[key], actual[key], dt, relative_tolerance)
    assert_same_keys(expected, actual)
