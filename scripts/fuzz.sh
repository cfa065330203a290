#!/usr/bin/env bash
# libFuzzer targets of Quay (Fuzz/): builds each with swiftc -sanitize=fuzzer,address into .build-fuzz and runs it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      SECONDS per target (default 60);
#                                               TARGETs: parse-request line-framer device-parsers core-parsers
#                                                        config-loader
#
# Prints per target: executions, executions/s, crashes (any abort: crash, sanitizer report, failed invariant or an
# input slower than 50 ms of CPU), timeouts, the slowest single call, and the crash artifacts with their reason.
# Exits 1 when any target crashed or timed out, 2 on a build failure. Seeds: Fuzz/corpus/<target>/ (read only);
# new corpus entries and artifacts go to .build-fuzz/corpus/<target>/ and .build-fuzz/artifacts/<target>/.
# Reproduce an artifact:  .build-fuzz/<target> .build-fuzz/artifacts/<target>/crash-…
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(parse-request line-framer device-parsers core-parsers config-loader)
OUT=.build-fuzz
SWIFTC=${SWIFTC:-swiftc}
mkdir -p "$OUT"
# ASan and libFuzzer report crashes; the Swift runtime backtracer would only add a process that can hang around.
export SWIFT_BACKTRACE=enable=no

# Sources of each target. The parser target takes every Wire file by glob (files that import NIO are left out), so
# new pure-Swift code there (e.g. a JSON pre-scan) is fuzzed as soon as it lands; with QuayCore it is one module.
sources() {
    case "$1" in
        parse-request)
            ls Fuzz/ParseRequest/*.swift Fuzz/Common/*.swift
            grep -L '^import NIO' Sources/QuayControl/Wire/*.swift
            find Sources/QuayCore -name '*.swift' | sort ;;
        line-framer)
            ls Fuzz/LineFramer/*.swift Fuzz/Common/*.swift
            echo Sources/QuayControl/Wire/LineFramer.swift ;;
        device-parsers)
            ls Fuzz/DeviceParsers/*.swift Fuzz/Common/*.swift
            ls Sources/QuayDevices/Modbus/{ModbusRTUParser,ModbusRTU,ModbusCRC}.swift
            ls Sources/QuayDevices/Printer/{EscPosStatus,EscPos,PrinterCondition}.swift
            ls Sources/QuayDevices/Scanner/{ScanLineDecoder,KeyboardWedgeDecoder}.swift ;;
        core-parsers)
            ls Fuzz/CoreParsers/*.swift Fuzz/Common/*.swift
            find Sources/QuayCore -name '*.swift' | sort ;;
        config-loader)
            ls Fuzz/ConfigLoader/*.swift Fuzz/Common/*.swift Package.swift
            find Sources/QuayDaemon/Config Sources/QuayCore Sources/QuayDevices Sources/QuayControl -name '*.swift' | sort ;;
        *) echo "unknown target '$1' (known: parse-request line-framer device-parsers core-parsers config-loader)" >&2; return 1 ;;
    esac
}
module() {
    case "$1" in
        parse-request | core-parsers) echo QuayCore ;;
        device-parsers) echo QuayDevices ;;
        *) echo QuayFuzzLineFramer ;;
    esac
}

# The configuration reader needs QuayDaemon and its packages (TOMLKit and its C++ toml++): SwiftPM builds it in its
# own scratch path, every module with address sanitizer and libFuzzer's coverage (Swift, C and C++), and links
# libFuzzer without its main (the target's main calls LLVMFuzzerRunDriver). The first build takes minutes.
FUZZ_CONFIG_SCRATCH=${FUZZ_CONFIG_SCRATCH:-.build-fuzz-config}
build_config_loader() {
    local bin=$1 rt
    rt=$("$SWIFTC" -print-target-info | sed -nE 's/.*"runtimeResourcePath": "([^"]*)".*/\1/p')/clang/lib/linux
    [ -f "$rt/libclang_rt.fuzzer_no_main-x86_64.a" ] || rt=$(dirname "$(command -v "$SWIFTC")")/../lib/clang/*/lib/linux
    rt=$(echo $rt)
    QUAY_FUZZ_CONFIG=1 swift build --scratch-path "$FUZZ_CONFIG_SCRATCH" --product quay-fuzz-config \
        -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        -Xcc -fsanitize=address,fuzzer-no-link -Xcxx -fsanitize=address,fuzzer-no-link \
        -Xlinker --whole-archive -Xlinker "$rt/libclang_rt.fuzzer_no_main-x86_64.a" -Xlinker --no-whole-archive \
        -Xlinker -lstdc++ > "$bin.build.log" 2>&1 || return 1
    cp "$FUZZ_CONFIG_SCRATCH/debug/quay-fuzz-config" "$bin"
}

build() {
    local t=$1 bin=$OUT/$1 srcs
    srcs=$(sources "$t") || return 1
    # Rebuild when a source is newer than the binary, or the source list changed.
    if [ -x "$bin" ] && [ "$(cat "$bin.sources" 2>/dev/null)" = "$srcs" ] && [ -z "$(find $srcs -newer "$bin" 2>/dev/null)" ]; then
        return 0
    fi
    echo "building $t ..." >&2
    if [ "$t" = config-loader ]; then
        if ! build_config_loader "$bin"; then
            grep -E "error:" "$bin.build.log" | head -20 >&2
            return 1
        fi
        echo "$srcs" > "$bin.sources"
        return 0
    fi
    # shellcheck disable=SC2086
    if ! "$SWIFTC" -parse-as-library -swift-version 6 -sanitize=fuzzer,address -g -O -module-name "$(module "$t")" \
            $srcs -o "$bin" 2> "$bin.build.log"; then
        grep -E "error:" "$bin.build.log" | head -20 >&2
        return 1
    fi
    echo "$srcs" > "$bin.sources"
}

status=0
summary=()
for t in "${TARGETS[@]}"; do
    if ! build "$t"; then echo "$t: BUILD FAILED (see $OUT/$t.build.log)" >&2; exit 2; fi
    mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
    rm -f "$OUT/$t.slowest"
    touch "$OUT/$t.started"
    # Fork mode keeps fuzzing after a crash, so one known crash does not hide the next; a small ASan quarantine
    # avoids its recycling pauses, which otherwise show up as 20-30 ms "slow" calls.
    # The configuration reader runs at start and reload, not per request: 500 ms of CPU per file (debug, ASan).
    limit=50; extra=()
    # TOMLKit leaks on every parse, so libFuzzer's per-input leak check would run a full LeakSanitizer scan each time
    # (42 instead of ~1,000 executions/s): the run goes without it, and the committed seeds (the sample configuration
    # reaches every table reader) are checked for leaks afterwards (a scan takes ~0.3 s per input).
    [ "$t" = config-loader ] && limit=500 && extra=(-detect_leaks=0)
    # TOMLKit's own leaks (Fuzz/ConfigLoader/tomlkit-leaks.supp) are known and reported in docs/fuzzing.md.
    export LSAN_OPTIONS=${LSAN_OPTIONS_BASE:-}
    [ "$t" = config-loader ] && export LSAN_OPTIONS="suppressions=$PWD/Fuzz/ConfigLoader/tomlkit-leaks.supp"
    FUZZ_LIMIT_MS=$limit FUZZ_SLOWEST_FILE="$OUT/$t.slowest" ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16} \
        "$OUT/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$SECONDS_PER" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="$OUT/artifacts/$t/" "${extra[@]}" "$OUT/corpus/$t" "Fuzz/corpus/$t" > "$OUT/$t.log" 2>&1
    if [ ${#extra[@]} -gt 0 ]; then
        # Leak pass: each committed seed once, with leak detection (TOMLKit's own leaks suppressed).
        FUZZ_LIMIT_MS=$limit ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16} "$OUT/$t" \
            -artifact_prefix="$OUT/artifacts/$t/" Fuzz/corpus/"$t"/* > "$OUT/$t.leaks.log" 2>&1 ||
            echo "  $t: leak pass failed (see $OUT/$t.leaks.log)"
    fi
    last=$(grep -E '^#[0-9]+: cov:' "$OUT/$t.log" | tail -1)
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<< "$last"); execs=${execs:-0}
    rate=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<< "$last"); rate=${rate:-0}
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last"); cov=${cov:-?}
    otc=$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<< "$last"); otc=${otc:-0/0/0}
    IFS=/ read -r ooms timeouts crashes <<< "$otc"
    slowest_us=$(cat "$OUT/$t.slowest" 2>/dev/null || echo "?")
    # Artifacts written by this run (an input that crashed before keeps its name: count by time, not by number).
    new=$(find "$OUT/artifacts/$t" -type f -newer "$OUT/$t.started" | wc -l)
    # A crash while loading the corpus is saved but not always counted in the stats line.
    [ "$new" -gt "$crashes" ] && crashes=$new
    printf '%s: %s executions (%s/s), coverage %s edges, %s crashes, %s timeouts, %s ooms, slowest call %s us, %s new artifacts\n' \
        "$t" "$execs" "$rate" "$cov" "$crashes" "$timeouts" "$ooms" "$slowest_us" "$new"
    if [ "$execs" = 0 ]; then
        echo "  $t did not run (see $OUT/$t.log)"
        status=1
    fi
    if [ "$crashes" != 0 ] || [ "$timeouts" != 0 ] || [ "$new" != 0 ]; then
        status=1
        # Why each new artifact fails (rerun once; the first error line).
        find "$OUT/artifacts/$t" -type f -newer "$OUT/$t.started" -printf '%f\n' | head -5 | while read -r a; do
            rerun=$(FUZZ_LIMIT_MS=$limit ASAN_OPTIONS=quarantine_size_mb=16 timeout 20 "$OUT/$t" "$OUT/artifacts/$t/$a" 2>&1)
            reason=$(grep -m1 -E 'FUZZ-|ERROR:|Fatal error|deadly signal|Illegal|Assertion' <<< "$rerun")
            reason=${reason:-did not reproduce alone}
            printf '  %s (%s bytes): %s\n' "$OUT/artifacts/$t/$a" "$(wc -c < "$OUT/artifacts/$t/$a")" "$reason"
        done
    fi
    summary+=("$t=$crashes")
done
echo "fuzz: ${summary[*]} ($( [ $status = 0 ] && echo ok || echo FAILED ))"
exit $status
