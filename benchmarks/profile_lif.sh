#!/usr/bin/env bash
# Profiles Ranvier's engine on the per-neuron LIF benchmark with valgrind's callgrind and prints the
# functions where the simulation loop spends its instructions (Swift names demangled).
#
# The installed engine is stripped, so this builds an unstripped copy of the engine from this checkout
# (same flags as CMakeLists.txt, minus --strip-all, plus -g), puts it in an overlay copy of the installed
# package, and collects only inside rv_network_run (the run loop), not the Python start-up.
#
# Usage: bash benchmarks/profile_lif.sh [PYTHON_WITH_RANVIER] [NEURONS] [DURATION_SECONDS]
#   defaults: python3, 20000 neurons, 0.05 s. Output: /tmp/ranvier-profile/{callgrind.out,summary.txt}
set -euo pipefail

python="${1:-python3}"
neurons="${2:-20000}"
duration="${3:-0.05}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=/tmp/ranvier-profile
mkdir -p "$out"

command -v valgrind >/dev/null || { echo "profile_lif.sh: valgrind is needed" >&2; exit 1; }
installed="$("$python" -c 'import ranvier, os; print(os.path.dirname(ranvier.__file__))')"

echo "profile_lif.sh: building an unstripped engine in $out/swiftpm" >&2
env -u CC -u CXX swift build -c release --product ranvier_engine --package-path "$repo" \
    --scratch-path "$out/swiftpm" -Xswiftc -static-stdlib -Xswiftc -g \
    -Xlinker -soname=libranvier_engine.so >&2

rm -rf "$out/overlay" && mkdir -p "$out/overlay"
cp -r "$installed" "$out/overlay/ranvier"
cp "$out/swiftpm/release/libranvier_engine.so" "$out/overlay/ranvier/libranvier_engine.so"

echo "profile_lif.sh: callgrind, $neurons neurons, $duration s" >&2
PYTHONPATH="$out/overlay" MPLBACKEND=Agg valgrind --tool=callgrind --collect-atstart=no \
    --toggle-collect=rv_network_run --callgrind-out-file="$out/callgrind.out" \
    "$python" "$repo/benchmarks/per_neuron_lif.py" --simulator ranvier --neurons "$neurons" --duration "$duration" \
    2> "$out/valgrind.log"

# Inclusive and exclusive costs; swift demangle makes the Swift symbols readable.
{
    echo "# exclusive (self) cost"
    callgrind_annotate "$out/callgrind.out" | head -40
    echo
    echo "# inclusive cost"
    callgrind_annotate --inclusive=yes "$out/callgrind.out" | head -40
} | swift demangle --simplified > "$out/summary.txt"
cat "$out/summary.txt"
