#!/usr/bin/env bash
# The formatting check CI runs (make test): swift-format's lint with the repository's .swift-format, and no line of
# Swift longer than 140 characters (swift-format cannot break long string literals or comments). Fix with
#   swift format format -i -r Sources Tests Benchmarks Fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(Sources Tests Benchmarks Fuzz)
swift format lint --strict -r --configuration .swift-format "${dirs[@]}"
long=$(git ls-files '*.swift' | python3 -c '
import sys
for f in sys.stdin.read().split():
    for i, line in enumerate(open(f, encoding="utf-8").read().split("\n"), 1):
        if len(line) > 140:
            print("%s:%d: %d characters" % (f, i, len(line)))
')
if [ -n "$long" ]; then
    echo "lines over 140 characters:"; echo "$long"; exit 1
fi
echo "format: ok"
