"""Runs Brian2-syntax scripts under Brian2 (the oracle) and under Ranvier, each in its own process.

Brian2 runs with the oracle virtual environment's Python (tests/oracle/setup_oracle.sh creates it);
Ranvier runs with the Python running the tests. Brian2's results are cached in tests/.oracle-cache/,
keyed by the script text, the runner's source, the seed and the Brian2 version, so only a changed
script (or a new Brian2) runs the oracle again.
"""

import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent
ORACLE_VENV = REPO_ROOT / ".venv-oracle"
ORACLE_PYTHON = ORACLE_VENV / "bin" / "python"
RUNNER = Path(__file__).resolve().with_name("run_script.py")
CACHE_DIR = TESTS_DIR / ".oracle-cache"
MODELS_DIR = TESTS_DIR / "models"

# Generous: the largest model script runs in a few seconds under Brian2's numpy target.
SCRIPT_TIMEOUT_SECONDS = 600


class OracleMissing(RuntimeError):
    """The Brian2 virtual environment has not been created on this machine."""


def require_oracle() -> None:
    """Raises OracleMissing, saying how to fix it, when the oracle venv is absent."""
    if not ORACLE_PYTHON.exists():
        raise OracleMissing(
            f"The Brian2 oracle environment {ORACLE_VENV} does not exist. "
            "Create it with: bash tests/oracle/setup_oracle.sh"
        )


def brian2_version() -> str:
    """The installed oracle's version, read from package metadata (no interpreter start-up)."""
    require_oracle()
    for site_packages in sorted(ORACLE_VENV.glob("lib/python*/site-packages")):
        for distribution in importlib.metadata.distributions(path=[str(site_packages)]):
            if distribution.metadata["Name"].lower() == "brian2":
                return distribution.version
    raise OracleMissing(
        f"Brian2 is not installed in {ORACLE_VENV}. Run: bash tests/oracle/setup_oracle.sh"
    )


def cache_key(script_text: str, seed) -> str:
    digest = hashlib.sha256()
    for part in (script_text, RUNNER.read_text(encoding="utf-8"), repr(seed), brian2_version()):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def load_npz(path: Path) -> dict:
    with np.load(path) as data:
        return {key: data[key] for key in data.files}


class ScriptFailed(AssertionError):
    """A backend process exited with an error; the message carries its output."""


def run_backend(python: Path, backend: str, script: Path, out: Path, seed, env: dict) -> None:
    command = [str(python), str(RUNNER), "--backend", backend, "--out", str(out)]
    if seed is not None:
        command += ["--seed", str(seed)]
    command.append(str(script))
    with tempfile.TemporaryDirectory(prefix=f"{backend}-run-") as workdir:
        completed = subprocess.run(
            command, cwd=workdir, env=env, capture_output=True, text=True,
            timeout=SCRIPT_TIMEOUT_SECONDS,
        )
    if completed.returncode != 0:
        raise ScriptFailed(
            f"{backend} failed on {script.name} (exit status {completed.returncode}).\n"
            f"--- stderr (last 4000 characters) ---\n{completed.stderr[-4000:]}\n"
            f"--- stdout (last 1000 characters) ---\n{completed.stdout[-1000:]}"
        )


def oracle_environment() -> dict:
    """The test process's environment without anything that could make Brian2 import our packages."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    env["MPLBACKEND"] = "Agg"
    return env


def brian2_results(script: Path, seed=None) -> dict:
    """Brian2's results for a script, from the cache when the same script was run before."""
    require_oracle()
    script = Path(script)
    cached = CACHE_DIR / f"{script.stem}-{cache_key(script.read_text(encoding='utf-8'), seed)}.npz"
    if not cached.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        # Write under a temporary name first so that an interrupted run never leaves a bad entry.
        partial = cached.with_name(f".{cached.name}.{os.getpid()}.npz")
        run_backend(ORACLE_PYTHON, "brian2", script, partial, seed, oracle_environment())
        os.replace(partial, cached)
    return load_npz(cached)


def ranvier_results(script: Path, seed=None) -> dict:
    """Ranvier's results for a script, run with the interpreter that runs the tests."""
    script = Path(script)
    env = dict(os.environ, MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory(prefix="ranvier-results-") as outdir:
        out = Path(outdir) / "results.npz"
        run_backend(Path(sys.executable), "ranvier", script, out, seed, env)
        return load_npz(out)


def run_both(script: Path, brian2_seed=None, ranvier_seed=None) -> tuple:
    """(Brian2's results, Ranvier's results) for one script, as dicts of float arrays."""
    return brian2_results(script, brian2_seed), ranvier_results(script, ranvier_seed)


def model_script(name: str) -> Path:
    """Path of tests/models/<name>.py."""
    return MODELS_DIR / f"{name}.py"


# --- snippets: what a few lines of user code raise, for the bad-input tests ------------------------

SNIPPET_RUNNER = Path(__file__).resolve().with_name("run_snippets.py")


def run_snippets(python: Path, backend: str, snippets: list, env: dict, timeout=SCRIPT_TIMEOUT_SECONDS) -> list:
    """Outcomes of run_snippets.py; a process killed by a signal (a crash) raises ScriptFailed, one
    still running after `timeout` seconds (a hang) subprocess.TimeoutExpired."""
    with tempfile.TemporaryDirectory(prefix=f"{backend}-snippets-") as workdir:
        out = Path(workdir) / "outcomes.json"
        completed = subprocess.run(
            [str(python), str(SNIPPET_RUNNER), "--backend", backend, "--out", str(out)],
            input=json.dumps(snippets), cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout,
        )
        if completed.returncode != 0:
            how = (f"was killed by signal {-completed.returncode}" if completed.returncode < 0
                   else f"exited with status {completed.returncode}")
            raise ScriptFailed(
                f"the {backend} process {how} while running:\n{snippets}\n"
                f"--- stderr (last 4000 characters) ---\n{completed.stderr[-4000:]}"
            )
        return json.loads(out.read_text(encoding="utf-8"))


def ranvier_snippet_outcome(code: str) -> dict:
    """What one snippet raises under Ranvier, in a process of its own so a crash cannot hide."""
    return run_snippets(Path(sys.executable), "ranvier", [code], dict(os.environ, MPLBACKEND="Agg"))[0]


def brian2_snippet_outcomes(snippets: list) -> list:
    """What each snippet raises under Brian2, all in one process, cached like script results."""
    require_oracle()
    text = json.dumps(snippets) + SNIPPET_RUNNER.read_text(encoding="utf-8")
    cached = CACHE_DIR / f"snippets-{cache_key(text, None)}.json"
    if not cached.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        outcomes = run_snippets(ORACLE_PYTHON, "brian2", snippets, oracle_environment())
        partial = cached.with_name(f".{cached.name}.{os.getpid()}")
        partial.write_text(json.dumps(outcomes), encoding="utf-8")
        os.replace(partial, cached)
    return json.loads(cached.read_text(encoding="utf-8"))
