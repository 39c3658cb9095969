#!/usr/bin/env bash
# Runs every test of the project: the Swift engine's tests (`swift test`) and the Python suite (unit
# tests, differential tests against Brian2, the seed notebook). Installs what it needs first: the
# project with its test extras into .venv, and the Brian2 oracle into .venv-oracle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --disable-pip-version-check -q '.[test]'
bash tests/oracle/setup_oracle.sh

swift test
# The installed package is tested, not the source tree: pytest runs from the repository root, where
# `python/` is not on sys.path.
.venv/bin/python -m pytest tests -q -rfEs -p no:cacheprovider
