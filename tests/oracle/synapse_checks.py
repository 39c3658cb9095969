"""Checks for the model scripts whose synapses are created at random (``p=``, ``sample(...)``).

Brian2 and Ranvier draw different random numbers, so the synapse lists are compared through
properties every valid draw has and statistics whose distribution follows from the model:
- structure, exactly: indices within the groups, no forbidden pair (i == j where the condition
  excludes it), no pair twice (each pair is tried once), fixed out-degrees where the model fixes them;
- counts: the number of synapses is a sum of independent Bernoulli draws, so it must lie within 6
  standard deviations of its mean (a normal tail of 2e-9; Chernoff's bound for these sums is of the
  same order), per range of distances where the probability varies;
- degree spreads: the sample variance of binomially distributed degrees must lie within 6 standard
  errors (var * sqrt(2/(n-1)), the normal approximation, accurate here as the excess kurtosis
  (1 - 6pq)/(npq) is below 0.1), which rejects deterministic or clumped patterns with the right total;
- independence: the number of reciprocal pairs (i -> j and j -> i) within 6 standard deviations of
  its binomial mean;
- random weights: the KS distance to U(0, 1) within the DKW bound (statistics.py).
Each check is applied to Brian2's run as well by the test, so a wrong check shows up as such.
"""

import math

import numpy as np

from .statistics import assert_ks_close, assert_within_standard_errors, uniform_cdf


def synapse_pairs(results: dict, name: str = "S") -> tuple:
    """(i, j) of every synapse, as integer arrays."""
    return results[f"{name}.i"].astype(np.int64), results[f"{name}.j"].astype(np.int64)


def assert_valid_pairs(pre, post, n_pre: int, n_post: int, allow_self: bool) -> None:
    """Indices in range, each pair at most once, and no i == j unless allowed."""
    if pre.size and (pre.min() < 0 or pre.max() >= n_pre or post.min() < 0 or post.max() >= n_post):
        raise AssertionError(f"synapse indices outside [0, {n_pre}) x [0, {n_post})")
    codes = pre * n_post + post
    if np.unique(codes).size != codes.size:
        raise AssertionError(f"{codes.size - np.unique(codes).size} pairs are connected more than once")
    if not allow_self and np.any(pre == post):
        raise AssertionError(f"{int(np.sum(pre == post))} synapses connect a neuron to itself")


def assert_bernoulli_count(label: str, count: int, probabilities) -> None:
    """A count of independent Bernoulli(p_k) successes: within 6 standard deviations of sum(p_k)."""
    p = np.asarray(probabilities, dtype=float)
    assert_within_standard_errors(label, float(count), float(p.sum()), math.sqrt(float(np.sum(p * (1 - p)))))


def assert_binomial_degree_spread(label: str, degrees, trials: int, p: float) -> None:
    """Sample variance of Binomial(trials, p) degrees within 6 standard errors of trials*p*(1-p)."""
    variance = trials * p * (1 - p)
    n = len(degrees)
    assert_within_standard_errors(label, float(np.var(degrees, ddof=1)), variance, variance * math.sqrt(2 / (n - 1)))


# --- tutorial2_random_connectivity: 10 neurons, p = 0.2 for i != j ------------------------------------

def check_tutorial_random_connectivity(reference: dict, candidate: dict) -> None:
    """90 candidate pairs, each kept with probability 0.2: valid pairs and a count near 18."""
    pre, post = synapse_pairs(candidate)
    assert_valid_pairs(pre, post, 10, 10, allow_self=False)
    assert_bernoulli_count("number of synapses", pre.size, np.full(90, 0.2))


# --- variant_syn_random_pairs: 200 neurons, p = 0.1 for i != j, w = rand() ----------------------------

def check_random_pairs(reference: dict, candidate: dict) -> None:
    """39,800 pairs with p = 0.1: count, out- and in-degree spreads (Binomial(199, 0.1)), reciprocal
    pairs (19,900 unordered pairs, each reciprocal with p^2), and w ~ U(0, 1)."""
    n, p = 200, 0.1
    pre, post = synapse_pairs(candidate)
    assert_valid_pairs(pre, post, n, n, allow_self=False)
    assert_bernoulli_count("number of synapses", pre.size, np.full(n * (n - 1), p))
    assert_binomial_degree_spread("variance of out-degrees", np.bincount(pre, minlength=n), n - 1, p)
    assert_binomial_degree_spread("variance of in-degrees", np.bincount(post, minlength=n), n - 1, p)
    connected = set(zip(pre.tolist(), post.tolist()))
    reciprocal = sum(1 for a, b in connected if a < b and (b, a) in connected)
    assert_bernoulli_count("reciprocal pairs", reciprocal, np.full(n * (n - 1) // 2, p * p))
    w = candidate["S.w"]
    if w.min() < 0 or w.max() >= 1:
        raise AssertionError(f"rand() weights outside [0, 1): {w.min()}, {w.max()}")
    assert_ks_close("w = rand() vs U(0, 1)", w, uniform_cdf)


# --- variant_syn_sample_probability: sample(N_post, p=0.05), 300 x 150 --------------------------------

def check_sample_probability(reference: dict, candidate: dict) -> None:
    """45,000 pairs each kept with p = 0.05: count, out-degrees ~ Binomial(150, 0.05) and in-degrees
    ~ Binomial(300, 0.05) in spread."""
    n_pre, n_post, p = 300, 150, 0.05
    pre, post = synapse_pairs(candidate)
    assert_valid_pairs(pre, post, n_pre, n_post, allow_self=True)
    assert_bernoulli_count("number of synapses", pre.size, np.full(n_pre * n_post, p))
    assert_binomial_degree_spread("variance of out-degrees", np.bincount(pre, minlength=n_pre), n_post, p)
    assert_binomial_degree_spread("variance of in-degrees", np.bincount(post, minlength=n_post), n_pre, p)


# --- variant_syn_sample_size: sample(N_post, size=8), 100 x 50 ----------------------------------------

def check_sample_size(reference: dict, candidate: dict) -> None:
    """Exactly 8 distinct targets per source; each target is chosen by each source with probability
    8/50 independently, so in-degrees are Binomial(100, 0.16) (their mean is exactly 16)."""
    n_pre, n_post, size = 100, 50, 8
    pre, post = synapse_pairs(candidate)
    assert_valid_pairs(pre, post, n_pre, n_post, allow_self=True)
    out_degrees = np.bincount(pre, minlength=n_pre)
    if not np.all(out_degrees == size):
        raise AssertionError(f"out-degrees must all be {size}, got {sorted(set(out_degrees.tolist()))}")
    assert_binomial_degree_spread("variance of in-degrees", np.bincount(post, minlength=n_post), n_pre,
                                  size / n_post)


# --- variant_syn_distance_probability: p = exp(-|i-j|/10) for i != j, 200 neurons ---------------------

DISTANCE_BANDS = ((1, 5), (5, 15), (15, 40), (40, 200))


def check_distance_probability(reference: dict, candidate: dict) -> None:
    """Pairs at distance d (2 (200 - d) of them) connect with probability exp(-d/10): the count in
    each band of distances within 6 standard deviations of its mean."""
    n, length = 200, 10.0
    pre, post = synapse_pairs(candidate)
    assert_valid_pairs(pre, post, n, n, allow_self=False)
    distances = np.abs(pre - post)
    for low, high in DISTANCE_BANDS:
        d = np.arange(low, high)
        probabilities = np.repeat(np.exp(-d / length), 2 * (n - d))
        count = int(np.sum((distances >= low) & (distances < high)))
        assert_bernoulli_count(f"synapses at distances {low}-{high - 1}", count, probabilities)


#: Model script name -> its check.
SYNAPSE_CHECKS = {
    "tutorial2_random_connectivity": check_tutorial_random_connectivity,
    "variant_syn_distance_probability": check_distance_probability,
    "variant_syn_random_pairs": check_random_pairs,
    "variant_syn_sample_probability": check_sample_probability,
    "variant_syn_sample_size": check_sample_size,
}
