#!/usr/bin/env bash
# Creates (idempotently) the virtual environment that runs Brian2, the differential tests' oracle,
# at .venv-oracle/ in the repository root. Brian2 lives apart from Ranvier's environment because its
# releases constrain Python and numpy differently: Brian2 2.11 needs Python >= 3.13, and Brian2 2.9
# (the newest for Python 3.11) fails to import with numpy >= 2.4.
#
# Usage: bash tests/oracle/setup_oracle.sh   (safe to rerun: pip skips what is already installed)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$repo_root/.venv-oracle"
preferred_python="$HOME/.pyenv/versions/3.13.0/bin/python3"

# Pinned to the versions the model scripts and statistical tolerances were checked with; numpy and
# sympy are pinned too because 'exact' integration is derived by sympy and evaluated by numpy.
if [ -x "$preferred_python" ]; then
    base_python="$preferred_python"
    requirements=(brian2==2.11.0 numpy==2.5.5 sympy==1.14.0 matplotlib==3.11.2)
else
    base_python="$(command -v python3)"
    requirements=(brian2==2.9.0 "numpy<2.4" sympy==1.14.0 matplotlib==3.10.8)
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "setup_oracle: creating $venv with $base_python"
    "$base_python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
"$venv/bin/python" -c 'import brian2, matplotlib; print("setup_oracle: Brian2", brian2.__version__, "matplotlib", matplotlib.__version__)'
