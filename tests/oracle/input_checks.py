"""Checks for the model scripts driven by PoissonGroups, whose spikes are random.

A Poisson group's neuron spikes in step k with probability p = rates(t_k)*dt, independently of
everything else (Brian2's definition: threshold ``rand() < rates*dt``). The checks hold for every
correct run, with a false-failure probability of at most 1e-9 each:
- structure, exactly: indices in range, at most one spike per neuron and step, no spike where the
  rate is 0;
- spike counts: a count is a sum of independent Bernoulli(p_k) terms, so Bernstein's inequality,
  P(|S - E S| >= t) <= 2 exp(-t^2 / (2 (V + b t / 3))) for terms bounded by b and variance V, gives a
  rigorous bound (no normal approximation, valid for small p_k too). At 1e-9 it is
  t = b L/3 + sqrt((b L/3)^2 + 2 V L) with L = ln(2e9) = 21.4, at least 6.5 standard deviations;
- intervals between spikes of one neuron at a constant rate are independent and geometric: the KS
  distance to the geometric CDF within the DKW bound (statistics.py), which also holds for discrete
  distributions when the distance is measured at the integers, as here;
- whatever the spikes drive (potentials, conductances, plastic weights) is a deterministic function
  of the recorded spikes: it is recomputed here and must agree to 1e-9 of each quantity's scale.
Each check is applied to Brian2's run as well by the test, so a wrong check shows up as such.
"""

import math

import numpy as np

from .compare import time_steps
from .statistics import FALSE_FAILURE_RATE, assert_within_standard_errors, dkw_bound
from .stochastic_checks import assert_counts_within

RELATIVE_TOLERANCE = 1e-9


def bernstein_deviation(variance: float, term_bound: float, rate: float = FALSE_FAILURE_RATE) -> float:
    """The deviation from its mean that a sum of independent terms, each within `term_bound` of its
    own mean, with total `variance`, reaches with probability at most `rate` (Bernstein)."""
    log_term = math.log(2.0 / rate)
    linear = term_bound * log_term / 3.0
    return linear + math.sqrt(linear**2 + 2.0 * variance * log_term)


def assert_bernoulli_sum(label: str, count: float, probabilities) -> None:
    """A count of independent Bernoulli(p_k) successes within Bernstein's bound of sum(p_k)."""
    p = np.asarray(probabilities, dtype=float)
    expected = float(p.sum())
    allowed = bernstein_deviation(float(np.sum(p * (1.0 - p))), 1.0)
    if abs(count - expected) > allowed:
        raise AssertionError(f"{label}: {count:.0f} spikes, expected {expected:.1f} +- {allowed:.1f} "
                             "(Bernstein bound at a 1e-9 false-failure rate)")


def spike_events(results: dict, monitor: str) -> tuple:
    """(step, index) of every recorded spike, as integer arrays."""
    steps = time_steps(results[f"{monitor}.t"], float(results["_meta.dt"]))
    return steps, results[f"{monitor}.i"].astype(np.int64)


def total_steps(results: dict) -> int:
    return int(round(float(results["_meta.t"]) / float(results["_meta.dt"])))


def assert_poisson_structure(label: str, steps, indices, n_neurons: int, n_steps: int) -> None:
    """Spikes within the group and the run, and never two for one neuron in one step."""
    if indices.size and (indices.min() < 0 or indices.max() >= n_neurons):
        raise AssertionError(f"{label}: spike indices outside [0, {n_neurons})")
    if steps.size and (steps.min() < 0 or steps.max() >= n_steps):
        raise AssertionError(f"{label}: spike steps outside [0, {n_steps})")
    codes = steps * n_neurons + indices
    if np.unique(codes).size != codes.size:
        raise AssertionError(f"{label}: a neuron spiked twice in one time step")


def assert_counts_per_neuron(label: str, indices, probabilities_per_neuron) -> None:
    """Each neuron's count within Bernstein's bound of the sum of its spike probabilities, and the
    total within the bound for all neurons together. Neurons whose probabilities are all 0 must not
    spike at all."""
    counts = np.bincount(indices, minlength=len(probabilities_per_neuron))
    for neuron, probabilities in enumerate(probabilities_per_neuron):
        p = np.asarray(probabilities, dtype=float)
        if not np.any(p > 0):
            if counts[neuron]:
                raise AssertionError(f"{label}: neuron {neuron} has rate 0 but spiked {counts[neuron]} times")
            continue
        assert_bernoulli_sum(f"{label}, neuron {neuron}", counts[neuron], p)
    assert_bernoulli_sum(f"{label}, all neurons", counts.sum(), np.concatenate(
        [np.broadcast_to(np.asarray(p, dtype=float), np.shape(p)).ravel() for p in probabilities_per_neuron]))


def assert_geometric_intervals(label: str, steps, indices, p: float) -> None:
    """Intervals between successive spikes of each neuron (in steps) are Geometric(p) on 1, 2, ...:
    KS distance, measured at the integers, within the DKW bound."""
    order = np.lexsort((steps, indices))
    steps, indices = steps[order], indices[order]
    same_neuron = indices[1:] == indices[:-1]
    intervals = np.diff(steps)[same_neuron]
    if intervals.size < 100:
        raise AssertionError(f"{label}: only {intervals.size} intervals, too few to test")
    support = np.arange(1, int(intervals.max()) + 1)
    empirical = np.searchsorted(np.sort(intervals), support, side="right") / intervals.size
    model = 1.0 - (1.0 - p) ** support
    distance = float(np.max(np.abs(empirical - model)))
    if distance > dkw_bound(intervals.size):
        raise AssertionError(f"{label}: KS distance {distance:.4f} of {intervals.size} intervals to "
                             f"Geometric({p}) exceeds the DKW bound {dkw_bound(intervals.size):.4f}")


def assert_close(label: str, actual, expected, scale: float) -> None:
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if actual.shape != expected.shape:
        raise AssertionError(f"{label}: shape {actual.shape}, expected {expected.shape}")
    error = np.abs(actual - expected)
    worst = int(np.argmax(error)) if error.size else 0
    if error.size and error.flat[worst] > RELATIVE_TOLERANCE * scale:
        raise AssertionError(f"{label}: max error {error.flat[worst]:.3e} > 1e-9 * {scale:.3g} at flat index "
                             f"{worst} (got {actual.flat[worst]!r}, recomputed {expected.flat[worst]!r})")


# --- variant_poisson_rates: 100 neurons at 2..200 Hz (the last ten set to 0), 50 neurons at 40 Hz ---

def check_poisson_rates(reference: dict, candidate: dict) -> None:
    """Per-neuron and total counts of both groups; the ten silenced neurons never spike; the 40 Hz
    group's intervals are Geometric(40 Hz * dt)."""
    dt, n_steps = float(candidate["_meta.dt"]), total_steps(candidate)
    rates = np.linspace(2, 200, 100)
    rates[90:] = 0
    steps, indices = spike_events(candidate, "spikes_p")
    assert_poisson_structure("P", steps, indices, 100, n_steps)
    assert_counts_per_neuron("P", indices, [np.full(n_steps, rate * dt) for rate in rates])
    steps, indices = spike_events(candidate, "spikes_q")
    assert_poisson_structure("Q", steps, indices, 50, n_steps)
    assert_counts_per_neuron("Q", indices, [np.full(n_steps, 40 * dt)] * 50)
    assert_geometric_intervals("Q", steps, indices, 40 * dt)


# --- variant_poisson_string_rates: (10 + 0.5 i) Hz * (1 + 0.8 sin(2 pi t / 50 ms)) -----------------

STRING_RATE_PHASE_BINS = 10


def string_rate_probabilities(dt: float, n_steps: int, n_neurons: int) -> np.ndarray:
    """Spike probability of each neuron (rows) in each step (columns)."""
    t = np.arange(n_steps) * dt
    modulation = 1 + 0.8 * np.sin(2 * np.pi * t / 50e-3)
    return (10 + 0.5 * np.arange(n_neurons))[:, None] * modulation[None, :] * dt


def check_poisson_string_rates(reference: dict, candidate: dict) -> None:
    """Per-neuron and total counts against the rate integrated over the run's steps; spikes of all
    neurons pooled by phase of the 50 ms modulation (10 bins, from about 20% to 180% of the mean
    rate) against each bin's expectation, which a rate that ignored t could not meet."""
    dt, n_steps = float(candidate["_meta.dt"]), total_steps(candidate)
    probabilities = string_rate_probabilities(dt, n_steps, 100)
    steps, indices = spike_events(candidate, "spikes")
    assert_poisson_structure("P", steps, indices, 100, n_steps)
    assert_counts_per_neuron("P", indices, list(probabilities))
    period_steps = int(round(50e-3 / dt))
    phase_bin = (np.arange(n_steps) % period_steps) * STRING_RATE_PHASE_BINS // period_steps
    spike_bins = np.bincount(phase_bin[steps], minlength=STRING_RATE_PHASE_BINS)
    for b in range(STRING_RATE_PHASE_BINS):
        assert_bernoulli_sum(f"spikes in phase bin {b}", spike_bins[b], probabilities[:, phase_bin == b])


# --- variant_poisson_drive: 100 sources at 20 Hz, v0 += 0.5 mV (all), v1 += 1 mV (first 50) ---------

def check_poisson_drive(reference: dict, candidate: dict) -> None:
    """Input counts and intervals as for any Poisson group; the potentials are recomputed from the
    recorded input spikes: v <- v exp(-dt/tau) in each step, then the step's spikes add their weights
    (StateMonitor samples are taken at the start of each step)."""
    dt, n_steps = float(candidate["_meta.dt"]), total_steps(candidate)
    p = 20 * dt
    steps, indices = spike_events(candidate, "inputs")
    assert_poisson_structure("P", steps, indices, 100, n_steps)
    assert_counts_per_neuron("P", indices, [np.full(n_steps, p)] * 100)
    assert_geometric_intervals("P", steps, indices, p)
    kicks = np.stack([0.5e-3 * np.bincount(steps, minlength=n_steps),
                      1e-3 * np.bincount(steps[indices < 50], minlength=n_steps)])
    decay = math.exp(-dt / 10e-3)
    expected = np.zeros((2, n_steps + 1))
    for k in range(n_steps):
        expected[:, k + 1] = expected[:, k] * decay + kicks[:, k]
    recorded = np.concatenate([candidate["potentials.v"], candidate["G.v"][:, None]], axis=1)
    assert_close("v recomputed from the input spikes", recorded, expected, float(np.max(np.abs(expected))))


# --- variant_stdp_poisson_inputs: 200 Poisson inputs at 15 Hz, event-driven STDP onto one neuron ----

STDP = dict(n=200, rate=15.0, gmax=0.05, taupre=20e-3, taupost=20e-3, taum=10e-3, taue=5e-3,
            Ee=0.0, vt=-54e-3, vr=-60e-3, El=-74e-3)


def replay_stdp(input_steps, input_indices, output_steps, dt: float, n_steps: int) -> dict:
    """Final w, Apre, Apost and lastupdate of every synapse, and the summed weight the inputs add to
    ge in each step, from the spikes: in each step the presynaptic events come first (ge += w, then
    Apre += dApre, w = clip(w + Apost, 0, gmax)), then the postsynaptic one (Apost += dApost,
    w = clip(w + Apre, 0, gmax)); each event first decays both traces of its synapses exactly since
    their last update."""
    n, gmax = STDP["n"], STDP["gmax"]
    d_apre = 0.01 * gmax
    d_apost = -d_apre * STDP["taupre"] / STDP["taupost"] * 1.05
    w = gmax * (0.3 + 0.5 * ((np.arange(n) * 0.37) % 1))
    apre, apost, last = np.zeros(n), np.zeros(n), np.zeros(n)
    added = np.zeros(n_steps)
    pre_by_step = {int(k): input_indices[input_steps == k] for k in np.unique(input_steps)}
    post_steps = set(output_steps.tolist())

    def decay(synapses, t):
        elapsed = t - last[synapses]
        apre[synapses] *= np.exp(-elapsed / STDP["taupre"])
        apost[synapses] *= np.exp(-elapsed / STDP["taupost"])
        last[synapses] = t

    for k in sorted(set(pre_by_step) | post_steps):
        t = k * dt
        synapses = pre_by_step.get(k)
        if synapses is not None:
            decay(synapses, t)
            added[k] = w[synapses].sum()
            apre[synapses] += d_apre
            w[synapses] = np.clip(w[synapses] + apost[synapses], 0, gmax)
        if k in post_steps:
            everything = np.arange(n)
            decay(everything, t)
            apost += d_apost
            w = np.clip(w + apre, 0, gmax)
    return {"w": w, "Apre": apre, "Apost": apost, "lastupdate": last, "added": added}


def check_stdp_poisson_inputs(reference: dict, candidate: dict) -> None:
    """Input counts and intervals; the synapses' final state replayed from the recorded input and
    output spikes; the output neuron's Euler steps recomputed from its recorded v and ge: each step
    ge <- ge (1 - dt/taue) + (weights of this step's input spikes), v <- v + dt (ge (Ee - v) + El - v)
    / taum, a spike exactly when that v exceeds vt (decisions within 1e-9 of vt are not judged), and
    v <- vr after a spike. The output must have spiked, so that the postsynaptic rule is exercised."""
    dt, n_steps = float(candidate["_meta.dt"]), total_steps(candidate)
    p = STDP["rate"] * dt
    in_steps, in_indices = spike_events(candidate, "input_spikes")
    assert_poisson_structure("inputs", in_steps, in_indices, STDP["n"], n_steps)
    assert_counts_per_neuron("inputs", in_indices, [np.full(n_steps, p)] * STDP["n"])
    assert_geometric_intervals("inputs", in_steps, in_indices, p)
    out_steps, _ = spike_events(candidate, "output_spikes")
    if out_steps.size == 0:
        raise AssertionError("the output neuron never spiked")
    replayed = replay_stdp(in_steps, in_indices, out_steps, dt, n_steps)
    for name in ("w", "Apre", "Apost"):
        assert_close(f"final S.{name} replayed from the spikes", candidate[f"S.{name}"], replayed[name],
                     STDP["gmax"])
    assert_close("final S.lastupdate replayed from the spikes", candidate["S.lastupdate"],
                 replayed["lastupdate"], n_steps * dt)
    v = np.append(candidate["state.v"][0], candidate["neuron.v"][0])
    ge = np.append(candidate["state.ge"][0], candidate["neuron.ge"][0])
    ge_after_update = ge[:-1] + dt * (-ge[:-1] / STDP["taue"])
    v_after_update = v[:-1] + dt * ((ge[:-1] * (STDP["Ee"] - v[:-1]) + STDP["El"] - v[:-1]) / STDP["taum"])
    assert_close("ge after each step", ge[1:], ge_after_update + replayed["added"], float(np.max(np.abs(ge))))
    spiked = np.zeros(n_steps, dtype=bool)
    spiked[out_steps] = True
    assert_close("v after each step", v[1:], np.where(spiked, STDP["vr"], v_after_update), abs(STDP["El"]))
    clear = np.abs(v_after_update - STDP["vt"]) > RELATIVE_TOLERANCE * abs(STDP["El"])
    wrong = np.flatnonzero(clear & (spiked != (v_after_update > STDP["vt"])))
    if wrong.size:
        raise AssertionError(f"output spikes disagree with v > vt after the update in steps {wrong[:5].tolist()}")


#: Model script name -> its check.
# --- variant_poisson_input: PoissonInput onto two subgroups of a decaying v, and onto LIF neurons -----

def assert_filtered_binomial_sums(label: str, sums, inputs: int, p: float, decay: float, n_steps: int) -> None:
    """`sums` are independent draws of sum_k B_k decay^(n-1-k), B_k ~ Binomial(inputs, p) (Brian2's
    normal approximation has the same mean and variance): their sample mean within 6 standard
    errors of the mean, their sample variance within 6 standard errors of the variance (taken as
    sqrt(3/n) of it, generous for these nearly Gaussian sums)."""
    s1 = (1 - decay**n_steps) / (1 - decay)
    s2 = (1 - decay**(2 * n_steps)) / (1 - decay**2)
    mean, variance = inputs * p * s1, inputs * p * (1 - p) * s2
    n = len(sums)
    assert_within_standard_errors(f"{label}: mean", float(np.mean(sums)), mean, math.sqrt(variance / n))
    assert_within_standard_errors(f"{label}: variance", float(np.var(sums, ddof=1)), variance,
                                  variance * math.sqrt(3.0 / n))


# Spread of H's total spike count over 14 seeded Brian2 runs (seeds 1-14: mean 4346, sd 12.2),
# rounded up; two independent runs then differ by at most 6 sqrt(2) of it (assert_counts_within).
POISSON_INPUT_COUNT_SD = 15.0


def check_poisson_input(reference: dict, candidate: dict) -> None:
    """The final v of each driven subgroup is a filtered binomial sum per neuron (mathematics); the
    untouched neurons stay at 0; the LIF population's total spike count is Brian2's within the
    ensemble spread, with at most one spike per refractory period."""
    dt, n_steps = float(candidate["_meta.dt"]), total_steps(candidate)
    decay = math.exp(-dt / 10e-3)
    v = candidate["G.v"]
    assert_filtered_binomial_sums("G[:500]", v[:500] / 0.2e-3, 100, 10 * dt, decay, n_steps)
    weights = 0.02e-3 * (1 + np.arange(500) / 250)
    assert_filtered_binomial_sums("G[500:1000]", v[500:1000] / weights, 1000, 100 * dt, decay, n_steps)
    if np.any(v[1000:] != 0):
        raise AssertionError("G[1000:] has no input but its v changed")
    steps, indices = spike_events(candidate, "spikes")
    assert_poisson_structure("H", steps, indices, 400, n_steps)
    order = np.lexsort((steps, indices))
    gaps = np.diff(steps[order])[np.diff(indices[order]) == 0]
    if gaps.size and gaps.min() < 20:
        raise AssertionError(f"H: a neuron spiked {gaps.min()} steps after a spike, within its 2 ms refractory period")
    assert_counts_within("H spikes", float(len(steps)), float(len(reference["spikes.t"])), POISSON_INPUT_COUNT_SD)


INPUT_CHECKS = {
    "variant_poisson_drive": check_poisson_drive,
    "variant_poisson_input": check_poisson_input,
    "variant_poisson_rates": check_poisson_rates,
    "variant_poisson_string_rates": check_poisson_string_rates,
    "variant_stdp_poisson_inputs": check_stdp_poisson_inputs,
}
