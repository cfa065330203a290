#!/usr/bin/env bash
# Builds the Debian package of Quay from a staged `make install` (binaries linked with --static-swift-stdlib, so
# the package needs no Swift runtime): quayd, quayctl, quay-devwatch, the systemd units and drop-ins, udev rules,
# sysusers groups, the sample configuration as a conffile, the docs.
#
#   scripts/make-deb.sh [CONFIG]      CONFIG: release (default) or debug; prints the path of the .deb
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-release}
OUT=.build-deb
SWIFT=${SWIFT:-swift}
VERSION=$(sed -nE 's/.*static let version = "([^"]+)".*/\1/p' Sources/QuayDaemon/DaemonState.swift)-1
ARCH=$(dpkg --print-architecture)

# Swift 6.3's static Foundation libraries reference each other in both directions: link them as one group.
group=(-Xlinker --start-group)
for l in Foundation FoundationInternationalization FoundationEssentials CoreFoundation _FoundationICU _FoundationCShims \
    _FoundationCollections swiftSynchronization swiftCore swift_Concurrency dispatch BlocksRuntime stdc++; do
    group+=(-Xlinker "-l$l")
done
group+=(-Xlinker --end-group)
for p in quayd quayctl quay-devwatch; do
    "$SWIFT" build -c "$CONFIG" --static-swift-stdlib --product "$p" "${group[@]}" >&2
done
BIN=$("$SWIFT" build -c "$CONFIG" --show-bin-path)

STAGE=$OUT/stage
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN"
make --no-print-directory install DESTDIR="$PWD/$STAGE" PREFIX=/usr QUAY_BIN_DIR="$BIN" >&2
strip --strip-unneeded "$STAGE"/usr/bin/* 2>/dev/null || true

DOC=$STAGE/usr/share/doc/quay
install -m 0644 packaging/deb/copyright "$DOC/copyright"
printf 'quay (%s) bookworm; urgency=medium\n\n  * Built from %s.\n\n -- Quay developers <quay@localhost>  %s\n' \
    "$VERSION" "$(git rev-parse --short HEAD 2>/dev/null || echo source)" "$(date -R)" | gzip -9n > "$DOC/changelog.Debian.gz"
# Manual pages from each program's --help (help2man).
install -d "$STAGE/usr/share/man/man1"
for b in quayd quayctl quay-devwatch; do
    help2man --no-info --no-discard-stderr --version-string="$VERSION" --name="$(sed -n "s/^$b: //p" packaging/deb/man-names)" \
        "$STAGE/usr/bin/$b" | gzip -9n > "$STAGE/usr/share/man/man1/$b.1.gz"
done
install -d "$STAGE/usr/share/lintian/overrides"
install -m 0644 packaging/deb/lintian-overrides "$STAGE/usr/share/lintian/overrides/quay"

# Runtime libraries: the sonames the binaries need, resolved to the Debian packages that ship them here.
libs=$(for b in "$STAGE"/usr/bin/*; do objdump -p "$b" | sed -nE 's/^ +NEEDED +(.*)$/\1/p'; done | sort -u)
owner() {  # the package that ships a library, under /lib or /usr/lib (merged /usr)
    local real; real=$(readlink -f "$1")
    for p in "$1" "$real" "${real/#\/usr\/lib/\/lib}" "${1/#\/lib/\/usr\/lib}"; do
        dpkg -S "$p" 2>/dev/null | cut -d: -f1 | head -1 && return 0
    done
    echo "make-deb: no package ships $1" >&2
    return 1
}
depends=$(for l in $libs; do
    path=$(ldconfig -p | awk -v l="$l" '$1 == l { print $NF; exit }')
    [ -n "$path" ] || { echo "make-deb: $l not found" >&2; exit 1; }
    owner "$path"
done | sort -u | paste -sd, | sed 's/,/, /g')
[ -n "$depends" ] || { echo "make-deb: no runtime dependencies found" >&2; exit 1; }

SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" -e "s/@DEPENDS@/$depends/" \
    packaging/deb/control.in > "$STAGE/DEBIAN/control"
echo /etc/quayd/quayd.toml > "$STAGE/DEBIAN/conffiles"
install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$STAGE/DEBIAN/"
(cd "$STAGE" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$STAGE/DEBIAN/md5sums"

DEB=$OUT/quay_${VERSION}_${ARCH}.deb
# xz for the real package; the debug build's test package (250 MB of debug info) is only gzipped, fast.
if [ "$CONFIG" = release ]; then compress=(-Zxz); else compress=(-Zgzip -z1); fi
dpkg-deb --root-owner-group "${compress[@]}" --build "$STAGE" "$DEB" >&2
echo "$DEB"
