"""Development tool: shows that the statistical checks neither flake nor wave errors through.

Usage (from the repository root, after tests/oracle/setup_oracle.sh):
    python tests/oracle/validate_statistics.py [--seeds 40]

For every stochastic model script it runs Brian2 with seeds 0..K-1 (cached like the tests' runs):
1. false failures: each check is applied with Brian2's seed-0 run as the reference and every other
   seed's run as the candidate; a sound check passes all of them;
2. spread: for the count-based checks, the standard deviation of each count over the K runs, next
   to the value hard-coded in stochastic_checks.py;
3. power: each script with one parameter changed by a small amount (MUTATIONS) must fail its check.
It prints a report and exits non-zero if a check failed a correct run or passed a mutated one.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oracle import harness  # noqa: E402
from oracle.stochastic_checks import CHECKS, ENSEMBLE_STATISTICS  # noqa: E402

# Script name -> (text to replace, replacement): changes a correct simulator must not get away with.
# The adaptive-threshold model regularises firing, so its counts move little with the noise level:
# a 20% larger sigma shifts them by only about 5 run-to-run standard deviations, within the 8.5 a
# comparison of two single runs must allow; 50% larger is caught.
MUTATIONS = {
    "seed_many_neurons_rand": ("G.v = 'rand()'", "G.v = '0.6*rand()'"),
    "seed_stochastic_sweep": ("sigma = 0.2", "sigma = 0.3"),
    "tutorial_adaptive_threshold_noise": ("sigma = 0.5*(vt0-vr)", "sigma = 0.75*(vt0-vr)"),
    "variant_ornstein_uhlenbeck": ("sigma = 1.0", "sigma = 1.1"),
    "variant_random_initial_values": ("G.w = 'randn()'", "G.w = '1.1*randn()'"),
    "variant_white_noise_one_step": ("sigma = 2.0", "sigma = 2.1"),
}


def failure_of(check, reference: dict, candidate: dict):
    """The check's assertion message, or None when it passes."""
    try:
        check(reference, candidate)
    except AssertionError as error:
        return str(error)
    return None


def validate_model(name: str, seeds: int) -> bool:
    check = CHECKS[name]
    script = harness.model_script(name)
    runs = [harness.brian2_results(script, seed) for seed in range(seeds)]
    failures = [(seed, failure_of(check, runs[0], run)) for seed, run in enumerate(runs)]
    failures = [(seed, message) for seed, message in failures if message]
    print(f"{name}: {len(failures)} false failures in {seeds} seeded Brian2 runs")
    for seed, message in failures:
        print(f"    seed {seed}: {message}")
    if name in ENSEMBLE_STATISTICS:
        statistic, hard_coded = ENSEMBLE_STATISTICS[name]
        values = [statistic(run) for run in runs]
        for label, sd in hard_coded.items():
            column = np.array([value[label] for value in values])
            print(f"    {label}: mean {column.mean():.1f}, sd {column.std(ddof=1):.2f} "
                  f"(hard-coded {sd})")
    return not failures and mutation_is_caught(name, check, runs[0])


def mutation_is_caught(name: str, check, reference: dict) -> bool:
    old, new = MUTATIONS[name]
    text = harness.model_script(name).read_text(encoding="utf-8")
    if old not in text:
        print(f"    mutation text {old!r} is no longer in the script")
        return False
    with tempfile.TemporaryDirectory() as folder:
        mutated = Path(folder) / f"{name}_mutated.py"
        mutated.write_text(text.replace(old, new), encoding="utf-8")
        message = failure_of(check, reference, harness.brian2_results(mutated, 1))
    print(f"    mutation {new!r}: {'caught: ' + message.splitlines()[0] if message else 'NOT CAUGHT'}")
    return message is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("models", nargs="*", default=sorted(CHECKS))
    args = parser.parse_args()
    results = [validate_model(name, args.seeds) for name in args.models]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
