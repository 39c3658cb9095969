"""Statistical bounds for comparing random simulations, each with a provable false-failure rate.

Every bound is chosen so that a correct simulator fails it with probability at most about 1e-9 per
check (tests run unseeded draws on every CI run, so a flaky check would be noticed):
- Kolmogorov-Smirnov distance: the Dvoretzky-Kiefer-Wolfowitz inequality with Massart's constant,
  P(D_n > eps) <= 2 exp(-2 n eps^2), holds for every n and every continuous distribution, so
  eps = sqrt(ln(2 / 1e-9) / (2 n)) is a rigorous bound, not an asymptotic one.
- Means, variances and correlations of many independent draws: 6 standard errors (a normal tail of
  2e-9), used only where the central limit theorem applies to thousands of terms or where the
  sampling distribution is exactly normal (Fisher's z for jointly Gaussian pairs).
"""

import math

import numpy as np

FALSE_FAILURE_RATE = 1e-9
STANDARD_ERRORS = 6.0


def dkw_bound(n: int, rate: float = FALSE_FAILURE_RATE) -> float:
    """The KS distance that n exact draws exceed with probability at most `rate`."""
    return math.sqrt(math.log(2.0 / rate) / (2.0 * n))


def ks_distance(samples: np.ndarray, cdf) -> float:
    """Largest gap between the samples' empirical CDF and `cdf` (a vectorised function)."""
    x = np.sort(np.asarray(samples, dtype=np.float64))
    n = x.size
    model = cdf(x)
    above = np.arange(1, n + 1) / n - model
    below = model - np.arange(0, n) / n
    return float(max(above.max(), below.max()))


def uniform_cdf(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 1.0)


def normal_cdf(mean: float, sd: float):
    """The CDF of N(mean, sd^2), vectorised."""
    erf = np.vectorize(math.erf)
    return lambda x: 0.5 * (1.0 + erf((np.asarray(x) - mean) / (sd * math.sqrt(2.0))))


def assert_ks_close(label: str, samples: np.ndarray, cdf, slack: float = 0.0) -> None:
    """KS distance within the DKW bound; `slack` adds a known, deterministic discretisation error."""
    distance = ks_distance(samples, cdf)
    bound = dkw_bound(len(samples)) + slack
    if distance > bound:
        raise AssertionError(
            f"{label}: KS distance {distance:.4f} > {bound:.4f} (DKW bound for n={len(samples)}"
            f"{f' plus slack {slack:.4f}' if slack else ''})"
        )


def assert_within_standard_errors(label: str, value: float, expected: float, standard_error: float) -> None:
    """|value - expected| <= 6 standard errors."""
    if abs(value - expected) > STANDARD_ERRORS * standard_error:
        raise AssertionError(
            f"{label}: {value:.6g} differs from {expected:.6g} by "
            f"{abs(value - expected) / standard_error:.1f} standard errors (allowed 6; "
            f"standard error {standard_error:.3g})"
        )


def assert_correlation_close(label: str, x: np.ndarray, y: np.ndarray, expected: float) -> None:
    """Sample correlation of jointly Gaussian (or independent) pairs, via Fisher's z transform.

    atanh(r) is close to normal with standard error 1/sqrt(n - 3) around atanh(rho).
    """
    r = float(np.corrcoef(x, y)[0, 1])
    assert_within_standard_errors(
        f"{label} (Fisher z of r = {r:.4f}, expected rho = {expected:.4f})",
        math.atanh(r), math.atanh(expected), 1.0 / math.sqrt(len(x) - 3),
    )
