# make install / make uninstall — included by the top-level Makefile (`-include mk/install.mk`).
#   make install                          build release binaries, install to /usr/local + system dirs, create groups
#   make install DESTDIR=/tmp/stage       staged install (packaging); nothing outside DESTDIR is touched
#   make install QUAY_BIN_DIR=path        install already built binaries from path instead of building
#   make uninstall                        remove what install put in place; keeps /etc/quayd and /var/lib/quayd
PREFIX        ?= /usr/local
DESTDIR       ?=
SWIFT         ?= swift
INSTALL       ?= install
BINDIR        ?= $(PREFIX)/bin
DOCDIR        ?= $(PREFIX)/share/doc/quay
UNITDIR       ?= /lib/systemd/system
UDEVRULESDIR  ?= /lib/udev/rules.d
SYSUSERSDIR   ?= /usr/lib/sysusers.d
CONFDIR       ?= /etc/quayd
QUAY_BINARIES ?= quayd quayctl quay-devwatch
QUAY_UNITS    ?= quayd.service quayd.socket
QUAY_DOCS     ?= $(wildcard docs/*.md) docs/quayd.sample.toml systemd/quayd-web.conf systemd/quayd-voice.conf

.PHONY: install uninstall install-binaries install-system install-docs install-config install-activate

install: install-binaries install-system install-docs install-config install-activate

# Binaries: built with `swift build -c release` unless QUAY_BIN_DIR points at built ones.
install-binaries:
	@set -e; \
	if [ -n "$(QUAY_BIN_DIR)" ]; then dir="$(QUAY_BIN_DIR)"; \
	else $(SWIFT) build -c release $(foreach b,$(QUAY_BINARIES),--product $(b)); dir=$$($(SWIFT) build -c release --show-bin-path); fi; \
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(BINDIR)"; \
	for b in $(QUAY_BINARIES); do \
		[ -x "$$dir/$$b" ] || { echo "install: $$dir/$$b not built" >&2; exit 1; }; \
		$(INSTALL) -m 0755 "$$dir/$$b" "$(DESTDIR)$(BINDIR)/$$b"; \
	done

# systemd units (ExecStart and docs rewritten for PREFIX), udev rules, sysusers.d groups.
install-system:
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(UDEVRULESDIR)" "$(DESTDIR)$(SYSUSERSDIR)"
	@for u in $(QUAY_UNITS); do \
		sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/usr/local/share/doc/quay|$(DOCDIR)|g' systemd/$$u \
			> "$(DESTDIR)$(UNITDIR)/$$u" && chmod 0644 "$(DESTDIR)$(UNITDIR)/$$u"; \
	done
	$(INSTALL) -m 0644 udev-rules/70-quay.rules "$(DESTDIR)$(UDEVRULESDIR)/70-quay.rules"
	$(INSTALL) -m 0644 systemd/quay.sysusers "$(DESTDIR)$(SYSUSERSDIR)/quay.conf"

install-docs:
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(DOCDIR)"
	@for f in $(QUAY_DOCS); do \
		if [ -f "$$f" ]; then $(INSTALL) -m 0644 "$$f" "$(DESTDIR)$(DOCDIR)/"; \
		else echo "install: warning: $$f missing, not installed" >&2; fi; \
	done

# The sample configuration becomes /etc/quayd/quayd.toml only if there is none: never overwrite a site's config.
install-config:
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(CONFDIR)"
	@if [ -e "$(DESTDIR)$(CONFDIR)/quayd.toml" ]; then \
		echo "install: keeping existing $(DESTDIR)$(CONFDIR)/quayd.toml"; \
	elif [ -f docs/quayd.sample.toml ]; then \
		$(INSTALL) -m 0644 docs/quayd.sample.toml "$(DESTDIR)$(CONFDIR)/quayd.toml"; \
	else echo "install: warning: docs/quayd.sample.toml missing, no $(CONFDIR)/quayd.toml installed" >&2; fi

# On the live system only (no DESTDIR): create the groups, reload udev rules and systemd units.
install-activate:
	@if [ -z "$(DESTDIR)" ]; then \
		if command -v systemd-sysusers >/dev/null; then systemd-sysusers $(SYSUSERSDIR)/quay.conf; fi; \
		if udevadm control --reload 2>/dev/null; then \
			udevadm trigger --action=change --subsystem-match=usbmisc --subsystem-match=tty \
				--subsystem-match=input --subsystem-match=hidraw --subsystem-match=usb || true; fi; \
		systemctl daemon-reload 2>/dev/null || true; \
		echo "installed; enable with: systemctl enable --now quayd.service   (docs: $(DOCDIR)/operations.md)"; \
	fi

uninstall:
	@for b in $(QUAY_BINARIES); do rm -f "$(DESTDIR)$(BINDIR)/$$b"; done
	@for u in $(QUAY_UNITS); do rm -f "$(DESTDIR)$(UNITDIR)/$$u"; done
	rm -f "$(DESTDIR)$(UDEVRULESDIR)/70-quay.rules" "$(DESTDIR)$(SYSUSERSDIR)/quay.conf"
	rm -rf "$(DESTDIR)$(DOCDIR)"
	@if [ -z "$(DESTDIR)" ]; then udevadm control --reload 2>/dev/null || true; systemctl daemon-reload 2>/dev/null || true; fi
	@echo "uninstall: kept $(DESTDIR)$(CONFDIR) (configuration) and /var/lib/quayd (tickets); remove them by hand if wanted"
