#!/usr/bin/env bash
# Runs every test of the project: the Swift engine's tests (`swift test`) and the Python suite (unit
# tests, differential tests against Brian2, the seed notebook). Installs what it needs first: the
# project with its test extras into .venv, and the Brian2 oracle into .venv-oracle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n==> [%4ds] %s\n' "$SECONDS" "$*"; }

step "Installing ranvier with its test extras into .venv (builds the Swift engine)"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -q '.[test]'
# The tests must exercise the installed package, not the source tree.
.venv/bin/python - <<'PY'
import pathlib, ranvier._ranvier as ext
assert not pathlib.Path(ext.__file__).is_relative_to(pathlib.Path.cwd() / "python"), "imported from the source tree"
print("installed", ext.__file__, "C API", ext.api_version())
PY

step "Setting up the Brian2 oracle (.venv-oracle)"
bash tests/oracle/setup_oracle.sh
export RANVIER_BRIAN2_PYTHON="$PWD/.venv-oracle/bin/python"

step "Swift tests (swift test)"
swift test

step "Python tests (pytest)"
.venv/bin/python -m pytest tests -q -rfEs --timeout=900 -p no:cacheprovider
