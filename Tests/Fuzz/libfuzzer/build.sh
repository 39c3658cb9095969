#!/usr/bin/env bash
# Builds a libFuzzer binary over the engine's parsers (with AddressSanitizer) and, given arguments,
# runs it on the seed corpus: bash Tests/Fuzz/libfuzzer/build.sh -max_total_time=600
# The binary and the corpus it grows stay in .build-fuzz/ (ignored by git); new crashers are
# written there as crash-* files. Add a crasher worth keeping to Tests/Fuzz/corpus/ as tricky-*.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
out=.build-fuzz
mkdir -p "$out/corpus"
swiftc -sanitize=fuzzer,address -parse-as-library -module-name RanvierEngine -Onone -g \
    $(find Sources/RanvierEngine -name '*.swift' | sort) Tests/Fuzz/libfuzzer/ParserEntry.swift -o "$out/parser-fuzzer"
echo "built $out/parser-fuzzer"
if [[ $# -gt 0 ]]; then
    cd "$out"
    ./parser-fuzzer corpus ../Tests/Fuzz/corpus -timeout=5 -rss_limit_mb=4096 "$@"
fi
