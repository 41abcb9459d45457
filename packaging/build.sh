#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller, then the .deb around it with dpkg-deb.
#
#   packaging/build.sh            (run by `make package`; PYTHON is the venv's python with the
#                                  `package` extra installed)
# Output: build/package/dist/stamp-pos/ (the bundle) and build/package/stamp-pos_<version>_<arch>.deb
# The .deb lays out:
#   /opt/stamp-pos/                              the bundle (Python, Qt, OpenCV, zbar, libusb, ...)
#   /usr/bin/stamp-pos                           runs the bundle
#   /usr/share/applications/stamp-pos.desktop    the menu entry
#   /etc/xdg/autostart/stamp-pos.desktop         starts the cashier app at every desktop login
#   /usr/lib/systemd/system/stamp-pos-sync@.service   headless sync, one instance per user
#   /usr/lib/udev/rules.d/60-stamp-pos-nfc.rules      USB NFC readers -> group plugdev
#   /usr/share/doc/stamp-pos/                    install.md, copyright
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
OUT=${OUT:-$ROOT/build/package}
cd "$ROOT"

VERSION=$("$PYTHON" -c 'import pos; print(pos.__version__)')
ARCH=$(dpkg --print-architecture)
BUNDLE=$OUT/dist/stamp-pos
STAGE=$OUT/root
DEB=$OUT/stamp-pos_${VERSION}_${ARCH}.deb

echo "== PyInstaller: $BUNDLE"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" packaging/stamp-pos.spec

echo "== staging the .deb's tree in $STAGE"
rm -rf "$STAGE"
install -d "$STAGE/opt" "$STAGE/DEBIAN"
cp -a "$BUNDLE" "$STAGE/opt/stamp-pos"
install -D -m 755 packaging/deb/stamp-pos.sh "$STAGE/usr/bin/stamp-pos"
install -D -m 644 packaging/desktop/stamp-pos.desktop \
    "$STAGE/usr/share/applications/stamp-pos.desktop"
install -D -m 644 packaging/desktop/stamp-pos-autostart.desktop \
    "$STAGE/etc/xdg/autostart/stamp-pos.desktop"
install -D -m 644 "packaging/systemd/stamp-pos-sync@.service" \
    "$STAGE/usr/lib/systemd/system/stamp-pos-sync@.service"
install -D -m 644 packaging/udev/60-stamp-pos-nfc.rules \
    "$STAGE/usr/lib/udev/rules.d/60-stamp-pos-nfc.rules"
install -D -m 644 docs/install.md "$STAGE/usr/share/doc/stamp-pos/install.md"
install -D -m 644 packaging/deb/copyright "$STAGE/usr/share/doc/stamp-pos/copyright"
install -m 755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$STAGE/DEBIAN/"
install -m 644 packaging/deb/conffiles "$STAGE/DEBIAN/conffiles"

# Depends: the Debian packages of every library the bundle's binaries load from the system
# (PyInstaller leaves out glibc, the GL/EGL drivers and libxcb on purpose), like dpkg-shlibdeps.
echo "== Depends: libraries the bundle takes from the system"
mapfile -t system_libs < <(
    find "$BUNDLE" -type f \( -name '*.so*' -o -name stamp-pos \) -print0 |
        LD_LIBRARY_PATH="$BUNDLE/_internal" xargs -0 ldd 2>/dev/null |
        awk '/=> \// {print $3}' | grep -v "^$BUNDLE/" | sort -u)
packages=()
for lib in "${system_libs[@]}"; do
    owner=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true)
    [ -n "$owner" ] || { echo "packaging: no Debian package owns $lib" >&2; exit 1; }
    packages+=("${owner%%:*}")
done
glibc=$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')
depends=$(printf '%s\n' "${packages[@]}" | sort -u | grep -vx libc6 | paste -sd, - | sed 's/,/, /g')
# adduser: postinst may add the group plugdev. libudev1: pyudev (hot-plug) and libusb read the
# system's udev database; the bundle holds a libudev.so.1 too, as libusb's dependency.
depends="libc6 (>= $glibc), adduser, libudev1, $depends"
echo "   $depends"

size=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$size/" \
    -e "s/@DEPENDS@/$depends/" packaging/deb/control.in > "$STAGE/DEBIAN/control"

# zstd: xz takes over 5 minutes for the 400 MB bundle on 2 cores; dpkg reads zstd since 1.21.18,
# older than any system with the glibc the bundle needs.
echo "== dpkg-deb: $DEB"
dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB" >/dev/null
ls -l "$DEB"
