# Quay — make demo (see it work), make test (what CI runs), make bench, make install.
SWIFT      ?= swift
BUILD      ?= .build
CONFIG     ?= debug
BIN         = $(BUILD)/$(CONFIG)
PREFIX     ?= /usr/local
DESTDIR    ?=
SHELL      := /bin/bash
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build deps demo test test-unit bench release clean install uninstall check-systemd fuzz fuzz-run deb test-deb

all: build

# Installs the Debian packages listed in scripts/debian-packages.txt that are not installed yet.
deps:
	@missing=$$(for p in $$(grep -v '^#' scripts/debian-packages.txt); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else echo "Debian packages: all present"; fi

build:
	$(SWIFT) build -c $(CONFIG)

release:
	$(SWIFT) build -c release

# The demo: a commune center with simulated kiosk, clerks and devices. Ctrl-C stops it.
demo: deps build
	@scripts/demo.sh $(BIN)

# What CI runs: unit tests, integration tests against the real quayd, device simulators.
test: deps
	scripts/check-format.sh
	$(SWIFT) build --build-tests
	scripts/check-systemd.sh $$($(SWIFT) build --show-bin-path)/quayd
	QUAY_BIN_DIR=$$($(SWIFT) build --show-bin-path) scripts/test-install.sh
	@if [ "$$(id -u)" = 0 ]; then scripts/test-udev-rules.sh; else echo "udev rule test skipped (needs root for a private mount namespace)"; fi
	QUAY_BIN_DIR=$$($(SWIFT) build --show-bin-path) $(SWIFT) test --skip-build --no-parallel 2>&1 | tee $(BUILD)/test.log; \
		exit $${PIPESTATUS[0]}
	@# Load scenarios alone, so their load never overlaps the suites that measure timing.
	QUAY_HEAVY_TESTS=1 QUAY_BIN_DIR=$$($(SWIFT) build --show-bin-path) $(SWIFT) test --skip-build --no-parallel --filter HostileInputTests \
		2>&1 | tee $(BUILD)/test-heavy.log; exit $${PIPESTATUS[0]}
	@$(MAKE) --no-print-directory fuzz-run FUZZ_SECONDS=$(FUZZ_SECONDS)
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory test-deb; else echo "Debian package test skipped (needs root)"; fi

# Fuzzers (docs/fuzzing.md): each libFuzzer target (scripts/fuzz.sh) and the protocol fuzzer against a real quayd,
# FUZZ_SECONDS each. Fails when any of them found a crash (or the protocol fuzzer a stall or a slow reply).
# `make test` (CI) runs them too, after the test suite, for FUZZ_SECONDS each (at least 60 in CI). The protocol
# fuzzer needs root (its clients run as other uids); without root it is skipped with a note.
FUZZ_SECONDS ?= 60
SYNC_BENCH_DOSSIERS ?= 3000
SYNC_BENCH_TICKETS ?= 12000
fuzz:
	$(SWIFT) build
	@$(MAKE) --no-print-directory fuzz-run FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-run:
	@status=0; \
	scripts/fuzz.sh $(FUZZ_SECONDS) || status=1; \
	if [ "$$(id -u)" = 0 ] || { [ -n "$(SUDO)" ] && [ -z "$$CI" ]; }; then \
		$(SUDO) python3 scripts/fuzz/protocol_fuzz.py --quayd $$($(SWIFT) build --show-bin-path)/quayd \
			--seconds $(FUZZ_SECONDS) --out $(BUILD)/protocol-fuzz || status=1; \
	else echo "protocol fuzzer skipped (needs root to run clients as other uids)"; fi; \
	exit $$status

bench: deps
	$(SWIFT) build -c release
	$(BUILD)/release/quay-bench
	@# Sync, a month offline (docs/sync.md "Network scenarios"): the release quayd in two network namespaces.
	@if [ "$$(id -u)" = 0 ]; then \
		$(SWIFT) build --build-tests && rm -f $(BUILD)/sync-bench.txt && \
		QUAY_SYNC_DOSSIERS=$(SYNC_BENCH_DOSSIERS) QUAY_SYNC_TICKETS=$(SYNC_BENCH_TICKETS) QUAY_SYNC_BENCH_OUT=$(BUILD)/sync-bench.txt \
		QUAY_BIN_DIR=$(BUILD)/release $(SWIFT) test --skip-build --no-parallel --filter SyncWeeksOfflineTests > $(BUILD)/sync-bench.log 2>&1; \
		status=$$?; cat $(BUILD)/sync-bench.txt 2>/dev/null || tail -30 $(BUILD)/sync-bench.log; exit $$status; \
	else echo "sync weeks-offline benchmark skipped (needs root for network namespaces)"; fi

clean:
	rm -rf $(BUILD)

-include mk/install.mk

# Debian package (scripts/make-deb.sh): `make deb` builds it from a release build; `make test-deb` builds one from
# the debug build and tests it in a debootstrapped Debian 12 root (needs root and the Debian mirror).
deb:
	scripts/make-deb.sh release

test-deb:
	scripts/test-deb.sh $$(scripts/make-deb.sh debug)
