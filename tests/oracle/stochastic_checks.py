"""Checks for the model scripts whose results depend on random draws (rand(), randn(), xi).

Each check takes Brian2's results (`reference`, from a seeded, cached run) and a candidate's results
and raises AssertionError when the candidate is not a plausible run of the same model. The tests
apply every check to Brian2's own reference too, so a broken check shows up as such.

A check combines:
- structure that holds for every random draw (spike trains of a given shape, refractory gaps,
  variables that are deterministic functions of the spike times), compared exactly or to 1e-9;
- distributions against mathematics where the model allows it (see statistics.py for the bounds);
- otherwise spike counts against Brian2's, with tolerances derived from the spread of 40 seeded
  Brian2 runs (tests/oracle/validate_statistics.py measures it again).
"""

import math

import numpy as np

from .compare import time_steps
from .statistics import (
    assert_correlation_close,
    assert_ks_close,
    assert_within_standard_errors,
    normal_cdf,
    uniform_cdf,
)

RELATIVE_TOLERANCE = 1e-9


def spike_trains(results: dict, monitor: str) -> dict:
    """Neuron index -> sorted spike steps."""
    dt = float(results["_meta.dt"])
    steps = time_steps(results[f"{monitor}.t"], dt)
    indices = results[f"{monitor}.i"].astype(np.int64)
    return {int(n): np.sort(steps[indices == n]) for n in np.unique(indices)}


def assert_close(label: str, actual, expected, scale: float) -> None:
    error = float(np.max(np.abs(np.asarray(actual) - np.asarray(expected))))
    if error > RELATIVE_TOLERANCE * scale:
        raise AssertionError(f"{label}: max error {error:.3e} > 1e-9 * {scale:.3g}")


def assert_min_interval(label: str, trains: dict, min_steps: int) -> None:
    """No neuron fires twice within `min_steps` steps (its refractory period)."""
    for neuron, steps in trains.items():
        if len(steps) > 1 and np.diff(steps).min() < min_steps:
            raise AssertionError(
                f"{label}: neuron {neuron} fired {np.diff(steps).min()} steps after a spike; "
                f"its refractory period is {min_steps} steps"
            )


def assert_counts_within(label: str, candidate: float, reference: float, ensemble_sd: float) -> None:
    """Two independent runs' counts differ by at most 6 standard deviations of their difference.

    The difference of two independent runs has standard deviation sqrt(2) * ensemble_sd.
    """
    assert_within_standard_errors(label, candidate, reference, math.sqrt(2.0) * ensemble_sd)


# --- seed_many_neurons_rand: 100 neurons, v(0) = rand(), dv/dt = (2 - v)/tau, threshold v > 1 -----

def check_many_neurons_rand(reference: dict, candidate: dict) -> None:
    """Every neuron fires regularly after its first spike; the first spikes reveal uniform v(0).

    With exact integration v_n = 2 - (2 - v0) q^n, q = exp(-dt/tau), so the first spike happens in
    step s = floor(tau ln(2 - v0) / dt) and then every P = floor(tau ln 2 / dt) + 1 steps (from
    v = 0). Inverting s gives v0 to within 0.5 * (dt/tau) * exp(P dt/tau), about 0.01, which is the
    KS slack. The v0 estimates must be uniform on [0, 1): KS within the DKW bound (0.327 for 100
    neurons at a 1e-9 false-failure rate) and mean within 6 standard errors (6 / sqrt(12 * 100)).
    The final v of each neuron follows from its last spike: 2 - 2 q^(steps since the reset).
    """
    tau, n_neurons = 10e-3, 100
    dt = float(candidate["_meta.dt"])
    total_steps = int(round(float(candidate["_meta.t"]) / dt))
    a = dt / tau
    period = math.floor(math.log(2.0) / a) + 1
    trains = spike_trains(candidate, "spikemon")
    if sorted(trains) != list(range(n_neurons)):
        raise AssertionError(f"every neuron starts below 1 and must fire; fired: {sorted(trains)}")
    first_steps = np.array([trains[n][0] for n in range(n_neurons)])
    for neuron, steps in trains.items():
        expected = np.arange(steps[0], total_steps, period)
        if not np.array_equal(steps, expected):
            raise AssertionError(
                f"neuron {neuron} fired at steps {steps.tolist()}; after its first spike it must "
                f"fire every {period} steps: {expected.tolist()}"
            )
    reference_trains = spike_trains(reference, "spikemon")
    reference_intervals = {int(d) for s in reference_trains.values() for d in np.diff(s)}
    if reference_intervals != {period}:
        raise AssertionError(f"Brian2's intervals {reference_intervals} differ from the analytic {period}")
    v0_estimates = 2.0 - np.exp((first_steps + 0.5) * a)
    slack = 0.5 * a * math.exp(period * a)
    assert_ks_close("v(0) recovered from first spikes vs U(0, 1)", v0_estimates, uniform_cdf, slack)
    mean_error = abs(float(v0_estimates.mean()) - 0.5)
    allowed = 6.0 / math.sqrt(12 * n_neurons) + slack
    if mean_error > allowed:
        raise AssertionError(f"mean of recovered v(0) is {mean_error:.4f} from 0.5 (allowed {allowed:.4f})")
    last_steps = np.array([trains[n][-1] for n in range(n_neurons)])
    q = math.exp(-a)
    expected_v = 2.0 - 2.0 * q ** (total_steps - 1 - last_steps)
    assert_close("final v from the last spike", candidate["G.v"], expected_v, 1.0)


# --- variant_random_initial_values: v(0) = rand(), w(0) = randn(), exact decay for 10 ms ------------

def check_random_initial_values(reference: dict, candidate: dict) -> None:
    """v(0) ~ U(0, 1) and w(0) ~ N(0, 1), all 20,000 draws independent.

    Exact decay multiplies both by exp(-t/tau) (to rounding), so the draws are recovered exactly.
    Checks on 10,000 neurons: KS within the DKW bound (0.0327); means within 6 standard errors
    (1/sqrt(12 N) and 1/sqrt(N)); the normal's variance within 6 * sqrt(2/(N-1)); correlation of
    neighbouring neurons and between v and w within 6 standard errors of 0 (Fisher z).
    """
    tau = 10e-3
    growth = math.exp(float(candidate["_meta.t"]) / tau)
    u = candidate["G.v"] * growth
    z = candidate["G.w"] * growth
    n = u.size
    if u.min() < 0.0 or u.max() >= 1.0 + 1e-12:
        raise AssertionError(f"rand() values outside [0, 1): min {u.min()}, max {u.max()}")
    assert_ks_close("rand() vs U(0, 1)", u, uniform_cdf)
    assert_within_standard_errors("mean of rand()", float(u.mean()), 0.5, 1.0 / math.sqrt(12 * n))
    assert_correlation_close("rand() of neighbouring neurons", u[:-1], u[1:], 0.0)
    assert_ks_close("randn() vs N(0, 1)", z, normal_cdf(0.0, 1.0))
    assert_within_standard_errors("mean of randn()", float(z.mean()), 0.0, 1.0 / math.sqrt(n))
    assert_within_standard_errors("variance of randn()", float(z.var(ddof=1)), 1.0, math.sqrt(2.0 / (n - 1)))
    assert_correlation_close("randn() of neighbouring neurons", z[:-1], z[1:], 0.0)
    assert_correlation_close("rand() vs randn() of the same neuron", u, z, 0.0)


# --- variant_white_noise_one_step: v = sigma * sqrt(dt/tau) * xi after one step ----------------------

def check_white_noise_one_step(reference: dict, candidate: dict) -> None:
    """One Euler-Maruyama step of dv/dt = sigma*xi*tau**-0.5 from 0 gives sigma*sqrt(dt/tau)*N(0, 1).

    10,000 draws: KS against that normal within the DKW bound (0.0327, which rejects e.g. uniform
    noise of the same variance, at KS distance 0.052); mean and variance within 6 standard errors;
    neighbouring neurons uncorrelated (Fisher z, 6 standard errors).
    """
    tau, sigma = 10e-3, 2.0
    sd = sigma * math.sqrt(float(candidate["_meta.dt"]) / tau)
    v = candidate["G.v"]
    n = v.size
    assert_ks_close("one noise step vs N(0, (sigma sqrt(dt/tau))^2)", v, normal_cdf(0.0, sd))
    assert_within_standard_errors("mean of one noise step", float(v.mean()), 0.0, sd / math.sqrt(n))
    assert_within_standard_errors(
        "variance of one noise step", float(v.var(ddof=1)), sd**2, sd**2 * math.sqrt(2.0 / (n - 1))
    )
    assert_correlation_close("noise of neighbouring neurons", v[:-1], v[1:], 0.0)


# --- variant_ornstein_uhlenbeck: dv/dt = -v/tau + sigma*xi*tau**-0.5, Euler-Maruyama ----------------

def ou_variance(steps: int, a: float, sigma: float) -> float:
    """Variance after `steps` steps of v <- (1 - a) v + sigma sqrt(a) N(0, 1) from v = 0."""
    decay = (1.0 - a) ** 2
    return sigma**2 * a * (1.0 - decay**steps) / (1.0 - decay)


def check_ornstein_uhlenbeck(reference: dict, candidate: dict) -> None:
    """The discretised OU process has a closed-form variance and autocorrelation.

    Final v of 10,000 neurons (exactly Gaussian): KS within the DKW bound (0.0327), mean within 6
    standard errors, sample variance within 6 * V * sqrt(2/(N-1)) of V. Recorded neurons (1,000): the
    correlation between v at steps m and n (m < n) is (1-a)^(n-m) sqrt(V_m / V_n), checked with
    Fisher z at 6 standard errors; neurons are independent of each other (Fisher z around 0).
    """
    tau, sigma = 10e-3, 1.0
    dt = float(candidate["_meta.dt"])
    a = dt / tau
    total_steps = int(round(float(candidate["_meta.t"]) / dt))
    v = candidate["G.v"]
    n = v.size
    variance = ou_variance(total_steps, a, sigma)
    assert_ks_close("final v vs N(0, V)", v, normal_cdf(0.0, math.sqrt(variance)))
    assert_within_standard_errors("mean of final v", float(v.mean()), 0.0, math.sqrt(variance / n))
    assert_within_standard_errors(
        "variance of final v", float(v.var(ddof=1)), variance, variance * math.sqrt(2.0 / (n - 1))
    )
    assert_correlation_close("final v of even vs odd neurons", v[0::2], v[1::2], 0.0)
    trace = candidate["trace.v"]
    if not np.all(trace[:, 0] == 0.0):
        raise AssertionError("the monitor's first sample must be the initial v = 0")
    early, late = total_steps - 100, total_steps - 1
    rho = (1.0 - a) ** (late - early) * math.sqrt(ou_variance(early, a, sigma) / ou_variance(late, a, sigma))
    assert_correlation_close(f"v at steps {early} and {late}", trace[:, early], trace[:, late], rho)


# --- seed_stochastic_sweep: v0 from 0 to 3 plus noise sigma = 0.2, 5 ms clamped refractoriness ------

# Standard deviation of spike counts over 40 Brian2 2.11 runs (seeds 0-39) of the script, for bands
# of neurons by v0 = 3 i / 99. Measured by validate_statistics.py.
SWEEP_BANDS = {
    "v0 < 0.9 (i < 30)": (slice(0, 30), 7.7),
    "0.9 <= v0 < 1.5 (30 <= i < 50)": (slice(30, 50), 8.4),
    "v0 >= 1.5 (i >= 50)": (slice(50, 100), 7.3),
}


def check_stochastic_sweep(reference: dict, candidate: dict) -> None:
    """The noisy f-I curve: spike counts per band of v0 match Brian2's run.

    Structure: v is clamped at 0 for 5 ms after each spike, so no neuron fires twice within 50 steps;
    the v0 parameter must equal Brian2's (it is deterministic). Counts: per band, the candidate's
    total differs from Brian2's by at most 6 * sqrt(2) * sd, where sd is the band's spread over 40
    Brian2 runs (counts are sums over many neurons and about 100-5000 spikes, close to normal).
    """
    dt = float(candidate["_meta.dt"])
    assert_min_interval("refractoriness", spike_trains(candidate, "M"), int(round(5e-3 / dt)))
    assert_close("v0", candidate["G.v0"], reference["G.v0"], 3.0)
    candidate_counts, reference_counts = sweep_band_counts(candidate), sweep_band_counts(reference)
    for label, (_, sd) in SWEEP_BANDS.items():
        assert_counts_within(f"spike count for {label}", candidate_counts[label], reference_counts[label], sd)


def sweep_band_counts(results: dict) -> dict:
    """Total spikes of each band of neurons in SWEEP_BANDS."""
    return {label: float(results["M.count"][band].sum()) for label, (band, _) in SWEEP_BANDS.items()}


# --- tutorial_adaptive_threshold_noise: 1000 noisy neurons, threshold vt jumps 5 mV per spike ---------

# Standard deviation of spike counts over 40 Brian2 2.11 runs (seeds 0-39) of the script, by window of
# the 100 ms run. Measured by validate_statistics.py. The total is the most sensitive to the noise
# level: its windows all move the same way while their run-to-run noise partly cancels.
ADAPTIVE_WINDOWS = {
    "0-10 ms": ((0.0, 10e-3), 15.1),
    "10-50 ms": ((10e-3, 50e-3), 20.8),
    "50-100 ms": ((50e-3, 100e-3), 22.6),
    "the whole run": ((0.0, 100e-3), 23.5),
}


def adaptive_threshold_after(trains: dict, n_neurons: int, total_steps: int, dt: float) -> np.ndarray:
    """vt at the end of the run, replaying Euler steps of dvt/dt = (vt0 - vt)/tau_t and the resets."""
    vt0, tau_t, jump = -50e-3, 100e-3, 5e-3
    spikes_by_step = {}
    for neuron, steps in trains.items():
        for step in steps:
            spikes_by_step.setdefault(int(step), []).append(neuron)
    vt = np.full(n_neurons, vt0)
    for step in range(total_steps):
        vt = vt + dt * (vt0 - vt) / tau_t
        vt[spikes_by_step.get(step, [])] += jump
    return vt


def check_adaptive_threshold(reference: dict, candidate: dict) -> None:
    """Spike counts in three windows and in total match Brian2's; vt is what the spikes imply.

    Structure: no neuron fires within its 5 ms (50-step) refractory period, and the final vt of every
    neuron equals the replay of its spike train through vt's Euler update and the `vt += 5 mV` reset
    (vt has no noise, so this holds for any draw; 1e-9 relative to 50 mV). Counts: per window, the
    candidate's total differs from Brian2's by at most 6 * sqrt(2) * sd (sd over 40 Brian2 runs;
    totals of 1,000-7,000 spikes from 1,000 neurons are close to normal).
    """
    dt = float(candidate["_meta.dt"])
    trains = spike_trains(candidate, "spikemon")
    assert_min_interval("refractoriness", trains, int(round(5e-3 / dt)))
    total_steps = int(round(float(candidate["_meta.t"]) / dt))
    n_neurons = candidate["G.vt"].size
    assert_close("final vt replayed from the spikes", candidate["G.vt"],
                 adaptive_threshold_after(trains, n_neurons, total_steps, dt), 50e-3)
    candidate_counts, reference_counts = adaptive_window_counts(candidate), adaptive_window_counts(reference)
    for label, (_, sd) in ADAPTIVE_WINDOWS.items():
        assert_counts_within(f"spikes in {label}", candidate_counts[label], reference_counts[label], sd)


def adaptive_window_counts(results: dict) -> dict:
    """Total spikes in each time window of ADAPTIVE_WINDOWS."""
    dt = float(results["_meta.dt"])
    steps = time_steps(results["spikemon.t"], dt)
    return {
        label: float(np.sum((steps >= round(start / dt)) & (steps < round(stop / dt))))
        for label, ((start, stop), _) in ADAPTIVE_WINDOWS.items()
    }


# Model script name -> (check, {label: (statistic function, hard-coded sd)}) for the count-based checks.
ENSEMBLE_STATISTICS = {
    "seed_stochastic_sweep": (sweep_band_counts, {k: sd for k, (_, sd) in SWEEP_BANDS.items()}),
    "tutorial_adaptive_threshold_noise": (
        adaptive_window_counts, {k: sd for k, (_, sd) in ADAPTIVE_WINDOWS.items()}
    ),
}

# Model script name -> its check; every script whose results depend on random draws is listed here.
CHECKS = {
    "seed_many_neurons_rand": check_many_neurons_rand,
    "seed_stochastic_sweep": check_stochastic_sweep,
    "tutorial_adaptive_threshold_noise": check_adaptive_threshold,
    "variant_ornstein_uhlenbeck": check_ornstein_uhlenbeck,
    "variant_random_initial_values": check_random_initial_values,
    "variant_white_noise_one_step": check_white_noise_one_step,
}
