"""Differential tests: every script in tests/models/ runs under Brian2 and Ranvier with equal results.

Deterministic models must agree exactly (see tests/oracle/compare.py for the rules: spike events as
(step, index) pairs, times as step indices, values within 1e-9 of each variable's scale). Models
whose results depend on random draws are compared with the checks of
tests/oracle/stochastic_checks.py, each of which is first applied to Brian2's own run.

Brian2 runs in the oracle environment (bash tests/oracle/setup_oracle.sh) and its results are
cached in tests/.oracle-cache/.
"""

import math

import numpy as np
import pytest

from oracle import harness
from oracle.compare import assert_same_results, time_steps
from oracle.input_checks import INPUT_CHECKS
from oracle.stochastic_checks import CHECKS
from oracle.synapse_checks import SYNAPSE_CHECKS

DETERMINISTIC_MODELS = [
    "seed_refractory_clamped",
    "seed_refractory_unclamped",
    "seed_synapse",
    "store_restore_before_connect",
    "store_restore_delays_in_flight",
    "store_restore_parameter_sweep",
    "tutorial2_connectivity_probabilities",
    "tutorial2_delay",
    "tutorial2_distance_weights",
    "tutorial2_generator_clip",
    "tutorial2_generator_skip_invalid",
    "tutorial2_neighbour_condition",
    "tutorial2_one_to_one",
    "tutorial2_simplest_synapse",
    "tutorial2_simplest_synapse_linear",
    "tutorial2_stdp_clock_driven",
    "tutorial2_stdp_clock_driven_linear",
    "tutorial2_stdp_definition",
    "tutorial2_stdp_event_driven",
    "tutorial2_weights",
    "tutorial_default_method",
    "tutorial_exact_final_value",
    "tutorial_parameter_sweep",
    "tutorial_record_all",
    "tutorial_record_index0",
    "tutorial_refractory_clamped",
    "tutorial_refractory_unclamped",
    "tutorial_sine_drive_euler",
    "tutorial_threshold_both_monitors",
    "tutorial_threshold_spikes",
    "tutorial_threshold_trace",
    "variant_cobahh_subgroups",
    "variant_coupled_exact",
    "variant_equations_objects",
    "variant_euler_adex",
    "variant_hh_spike_values",
    "variant_lif_spike_values",
    "variant_facts_lif",
    "variant_fine_dt_refractory",
    "variant_integer_variables",
    "variant_large_population",
    "variant_multiple_runs",
    "variant_network_operation_every_n",
    "variant_network_operation_stop",
    "variant_population_rate",
    "variant_record_subset",
    "variant_refractory_condition",
    "variant_refractory_per_neuron",
    "variant_reset_temporary",
    "variant_reset_with_temporary",
    "variant_run_regularly_clocks",
    "variant_setting_values",
    "variant_spike_generator",
    "variant_statemonitor_dt",
    "variant_statemonitor_all_variables",
    "variant_statemonitor_synapses",
    "variant_stdp_regular_inputs",
    "variant_subexpression",
    "variant_subgroup_spike_monitor",
    "variant_subgroup_summed",
    "variant_subgroup_synapses",
    "variant_syn_connect_forms",
    "variant_syn_event_driven_delays",
    "variant_syn_multisynaptic",
    "variant_syn_neuron_names",
    "variant_syn_on_post_delay",
    "variant_syn_pathway_order",
    "variant_syn_refractory_target",
    "variant_syn_scalar_delay",
    "variant_syn_stdp_network",
    "variant_syn_summed_gap",
    "variant_syn_volt_chain",
    "variant_tau_per_neuron",
    "variant_two_clocks",
    "variant_timedarray_constant_over_dt",
    "variant_timedarray_coupled",
    "variant_timedarray_dt_mismatch",
    "variant_timedarray_image",
    "variant_timedarray_lif",
    "variant_timedarray_synapses",
    "variant_timedarray_threshold_reset",
    "variant_volt_lif_current",
]

# Deterministic scripts that store their variables in single precision (`default_float_dtype =
# float32`). Brian2's numpy target rounds intermediate results to float32 too, Ranvier only the stored
# ones, so values agree within a few float32 rounding steps (1e-6 of each variable's scale, about
# 8 units in the last place) and spikes exactly, as long as no neuron comes that close to its threshold.
SINGLE_PRECISION_MODELS = ["variant_float32_network"]
SINGLE_PRECISION_TOLERANCE = 1e-6

# Every script whose results depend on random draws, with its check (neurons' noise and random
# initial values in stochastic_checks.py, random connectivity in synapse_checks.py, Poisson inputs
# in input_checks.py).
RANDOM_MODEL_CHECKS = {**CHECKS, **SYNAPSE_CHECKS, **INPUT_CHECKS}

# Brian2's stochastic runs are seeded so that its cached reference never changes; Ranvier's seed is
# fixed so that a failure can be reproduced (the checks hold for any seed, see stochastic_checks.py).
BRIAN2_REFERENCE_SEED = 0
RANVIER_SEED = 1


def test_every_model_script_is_tested():
    scripts = {path.stem for path in harness.MODELS_DIR.glob("*.py")}
    listed = set(DETERMINISTIC_MODELS) | set(SINGLE_PRECISION_MODELS) | set(RANDOM_MODEL_CHECKS)
    assert scripts == listed, (
        f"unlisted scripts {sorted(scripts - listed)}, listed but missing {sorted(listed - scripts)}"
    )


@pytest.mark.parametrize("name", DETERMINISTIC_MODELS)
def test_deterministic_model_matches_brian2(oracle, name):
    brian2, ranvier = oracle.run_both(oracle.model_script(name))
    assert_same_results(brian2, ranvier)


@pytest.mark.parametrize("name", SINGLE_PRECISION_MODELS)
def test_single_precision_model_matches_brian2_within_float_rounding(oracle, name):
    brian2, ranvier = oracle.run_both(oracle.model_script(name))
    assert_same_results(brian2, ranvier, relative_tolerance=SINGLE_PRECISION_TOLERANCE)
    # Both really ran in single precision: every stored value is a float32.
    for results in (brian2, ranvier):
        assert np.array_equal(results["G.v"], results["G.v"].astype(np.float32))


@pytest.mark.parametrize("name", sorted(RANDOM_MODEL_CHECKS))
def test_stochastic_model_matches_brian2_statistically(oracle, name):
    script = oracle.model_script(name)
    reference = oracle.brian2_results(script, BRIAN2_REFERENCE_SEED)
    check = RANDOM_MODEL_CHECKS[name]
    check(reference, reference)  # the check itself must accept Brian2's run
    check(reference, oracle.ranvier_results(script, RANVIER_SEED))


# --- the oracle itself: Brian2's results for some scripts, checked against mathematics --------------

def brian2_spike_steps(oracle, name: str, monitor: str) -> np.ndarray:
    results = oracle.brian2_results(oracle.model_script(name))
    return time_steps(results[f"{monitor}.t"], float(results["_meta.dt"]))


def test_oracle_lif_spikes_every_9_ms_from_5_ms(oracle):
    # 0 -> 0.7 towards 1.5 with tau 8 ms takes 8 ln(1.5/0.8) = 5.03 ms, i.e. the spike is emitted in
    # the step starting at 5.0 ms; then 4 ms clamped plus the same 5.0 ms climb.
    assert brian2_spike_steps(oracle, "variant_facts_lif", "spikes").tolist() == list(range(50, 10000, 90))


def test_oracle_relaxation_matches_the_exponential(oracle):
    for name in ("tutorial_default_method", "tutorial_exact_final_value"):
        v = oracle.brian2_results(oracle.model_script(name))["G.v"]
        assert abs(v[0] - (1 - math.exp(-10))) < 1e-12
    results = oracle.brian2_results(oracle.model_script("tutorial_record_index0"))
    assert np.max(np.abs(results["M.v"][0] - (1 - np.exp(-results["M.t"] / 10e-3)))) < 1e-12


def test_oracle_threshold_crossings_follow_from_the_exponential(oracle):
    # v = 1 - exp(-t/tau) exceeds 0.8 after tau ln 5 = 160.9 steps: spike in step 160, then every 161.
    assert brian2_spike_steps(oracle, "tutorial_threshold_spikes", "spikemon").tolist() == [160, 321, 482]
    # Unclamped, tau 5 ms: first spike after 5 ln 5 = 8.05 ms (step 80); v passes 0.8 again during the
    # 15 ms refractory period, so each later spike comes exactly when refractoriness ends.
    assert brian2_spike_steps(oracle, "tutorial_refractory_unclamped", "spikemon").tolist() == [80, 230, 380]
    # Clamped for 5 ms (50 steps) after each spike, then the same 161-step climb.
    assert brian2_spike_steps(oracle, "tutorial_refractory_clamped", "spikemon").tolist() == [160, 370]


def test_oracle_reset_of_an_undefined_name_is_a_temporary(oracle):
    # v is never reset, so both neurons fire in every step from tau ln 2 = 69.3 steps on.
    steps = brian2_spike_steps(oracle, "variant_reset_temporary", "spikes")
    assert steps.tolist() == sorted(list(range(69, 200)) * 2)


def test_oracle_reset_uses_its_temporary(oracle):
    # After each spike in step s, v = 0.2 - 0.5*(excess), excess being how far the step's update took v
    # above 1: v_pre = I - (I - v_s) exp(-dt/tau), with v_s the value recorded at the step's start.
    results = oracle.brian2_results(oracle.model_script("variant_reset_with_temporary"))
    trace, drive = results["trace.v"], results["G.I"]
    decay = math.exp(-float(results["_meta.dt"]) / 10e-3)
    steps = time_steps(results["spikes.t"], float(results["_meta.dt"]))
    for neuron, step in zip(results["spikes.i"].astype(int), steps):
        before_reset = drive[neuron] - (drive[neuron] - trace[neuron, step]) * decay
        assert abs(trace[neuron, step + 1] - (0.2 - 0.5 * (before_reset - 1))) < 1e-12


def test_oracle_parameter_sweep_fires_only_above_v0_of_1(oracle):
    results = oracle.brian2_results(oracle.model_script("tutorial_parameter_sweep"))
    v0, counts = results["G.v0"], results["M.count"]
    assert np.all(counts[v0 <= 1] == 0) and np.all(counts[v0 > 1] > 0)
    assert np.all(np.diff(counts) >= 0)
