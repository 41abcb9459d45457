#!/usr/bin/env bash
# Smoke test of the .deb (run by `make package-test`): unpack it into a fresh directory root with
# `dpkg -x` and run the bundle there, in an environment with no project virtualenv on PATH, no
# PYTHONPATH, an empty HOME, and a working directory outside the checkout:
#   stamp-pos --version, stamp-pos doctor --json (valid JSON; exit 1 = a check failed is fine),
#   stamp-pos record + sync --once against the bundle's stamp-pos server (the sync unit's job),
#   stamp-pos demo under Xvfb for 10 s, twice: zxing in English, then zbar in French, checking
#   that zbar is the bundle's own copy. The window pictures land in build/package/smoke-*.png.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}  # only to read the JSON and PNG files, never to run the app
OUT=${OUT:-$ROOT/build/package}
VERSION=$("$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT'); import pos; print(pos.__version__)")
DEB=${1:-$OUT/stamp-pos_${VERSION}_$(dpkg --print-architecture).deb}

fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
[ -f "$DEB" ] || fail "$DEB does not exist; run make package first"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stamp-pos-smoke.XXXXXX")
SERVER_PID=
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/root" "$WORK/home" "$WORK/tmp"
dpkg -x "$DEB" "$WORK/root"
APP=$WORK/root/opt/stamp-pos/stamp-pos
echo "== unpacked $(basename "$DEB") into $WORK/root"

for f in opt/stamp-pos/stamp-pos usr/bin/stamp-pos usr/share/applications/stamp-pos.desktop \
         etc/xdg/autostart/stamp-pos.desktop usr/lib/systemd/system/stamp-pos-sync@.service \
         usr/lib/udev/rules.d/60-stamp-pos-nfc.rules usr/share/doc/stamp-pos/install.md \
         opt/stamp-pos/_internal/libzbar.so.0 opt/stamp-pos/_internal/libusb-1.0.so.0 \
         opt/stamp-pos/_internal/resources/stylesheets/counter.qss \
         opt/stamp-pos/_internal/resources/translations/stamp_pos_fr.qm; do
    [ -e "$WORK/root/$f" ] || fail "the package lacks /$f"
done
grep -q '^exec /opt/stamp-pos/stamp-pos "\$@"$' "$WORK/root/usr/bin/stamp-pos" \
    || fail "/usr/bin/stamp-pos does not run /opt/stamp-pos/stamp-pos"
dpkg-deb --field "$DEB" Depends | grep -q libc6 || fail "the control file has no Depends"
dpkg-deb --control "$DEB" "$WORK/control"
for script in postinst prerm postrm; do
    [ -x "$WORK/control/$script" ] || fail "the package's $script is missing or not executable"
    sh -n "$WORK/control/$script" || fail "the package's $script is not valid sh"
done
grep -qx /etc/xdg/autostart/stamp-pos.desktop "$WORK/control/conffiles" \
    || fail "the autostart entry is not a conffile"
desktop-file-validate "$WORK/root/usr/share/applications/stamp-pos.desktop" \
    "$WORK/root/etc/xdg/autostart/stamp-pos.desktop" || fail "a desktop entry is not valid"
echo "   layout ok; Depends: $(dpkg-deb --field "$DEB" Depends)"

# The bundle alone: nothing of the checkout, its virtualenv or the caller's Python.
clean() {
    (cd "$WORK" && exec env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
        TMPDIR="$WORK/tmp" "$@")
}

echo "== stamp-pos --version"
got=$(clean "$APP" --version)
echo "   $got"
[ "$got" = "stamp-pos $VERSION" ] || fail "--version printed '$got', expected 'stamp-pos $VERSION'"

echo "== stamp-pos doctor --json"
set +e
clean "$APP" doctor --json > "$WORK/doctor.json" 2> "$WORK/doctor.err"
rc=$?
set -e
[ "$rc" -le 1 ] || { cat "$WORK/doctor.err" >&2; fail "doctor exited $rc"; }
"$PYTHON" - "$WORK/doctor.json" <<'PY' || fail "doctor --json did not print a list of checks"
import json, sys
checks = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(checks, list) and checks, "no checks"
for c in checks:
    assert set(c) == {"name", "ok", "message"}, c
    print(f"   {'ok  ' if c['ok'] else 'FAIL'} {c['name']}: {c['message'][:70]}")
PY
echo "   exit code $rc (1 = a check failed, expected on a PC with no services set up)"

# Headless sync, as the systemd unit runs it, against the bundle's own reference service.
echo "== stamp-pos record, then stamp-pos sync --once, against stamp-pos server --demo-data"
: > "$WORK/server.out"
# Not through clean(): $! must be the server itself, for the kill below and in the trap.
(cd "$WORK" && exec env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 TMPDIR="$WORK/tmp" \
    "$APP" server --demo-data --port 0 --db "$WORK/server.db" >> "$WORK/server.out" 2>&1) &
SERVER_PID=$!
for _ in $(seq 60); do
    URL=$(sed -n 's/^listening on //p' "$WORK/server.out" || true)
    [ -z "$URL" ] || break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.out" >&2; fail "the server died"; }
    sleep 0.5
done
[ -n "$URL" ] || fail "the server did not start in 30 s"
echo "   $(head -1 "$WORK/server.out")"
service=(STAMP_POS_FINTIV_API_KEY=demo-api-key STAMP_POS_FINTIV_BEARER=demo-token
         STAMP_POS_FINTIV_BASE_URL="$URL/stampcard/v2/")
card=3ab8fd17-2fb5-468c-9079-dfb887aacc54  # a demo card (server/demo_data.py)
event=$(clean "${service[@]}" "$APP" record --card-instance "$card" --type STAMP)
echo "   recorded event $event"
clean "${service[@]}" "$APP" sync --once --timeout 60 > "$WORK/sync.out" 2>&1 \
    || { cat "$WORK/sync.out" >&2; fail "sync --once did not send the event"; }
clean "${service[@]}" "$APP" status --json > "$WORK/status.json"
"$PYTHON" - "$WORK/status.json" <<'PY' || fail "the event is not marked as sent"
import json, sys
events = json.load(open(sys.argv[1], encoding="utf-8"))["events"]
assert events["synced"] == 1 and events["pending"] == events["held"] == 0, events
print(f"   sent and confirmed: {events}")
PY
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=

# A demo under Xvfb: the window must come up, read a code off the demo video and quit after 10 s.
demo() {  # demo NAME [VAR=VALUE...]
    local name=$1; shift
    local png="$OUT/smoke-$name.png"
    rm -f "$png"
    rm -rf "$WORK/tmp"/stamp-pos-demo-*
    echo "== stamp-pos demo --exit-after 10 under xvfb-run ($name)"
    clean "$@" xvfb-run -a "$APP" demo --exit-after 10 --grab "$png" \
        > "$WORK/demo-$name.out" 2> "$WORK/demo-$name.err" \
        || { cat "$WORK/demo-$name.out" "$WORK/demo-$name.err" >&2; fail "demo ($name) failed"; }
    head -1 "$WORK/demo-$name.out" | sed 's/^/   /'
    local log
    log=$(ls "$WORK"/tmp/stamp-pos-demo-*/logs/stamp-pos.log) || fail "the demo ($name) wrote no log"
    if grep -q "Traceback" "$log" "$WORK/demo-$name.err"; then
        cat "$log" >&2; fail "the demo ($name) logged a traceback"
    fi
    grep -q "QR code reader running" "$log" || fail "the demo's ($name) camera never ran"
    grep -q "NFC reader ready" "$log" || fail "the demo's ($name) simulated NFC reader never ran"
    # A customer shown after the camera started: a code was read off the demo video (the app
    # then asks the service for that card's rewards).
    sed -n '/QR code reader running/,$p' "$log" | grep -q "getRewards" \
        || fail "the demo ($name) read no code off the demo video in 10 s"
    echo "   the camera read a demo card's code; the customer was shown"
    "$PYTHON" - "$png" <<'PY' || fail "no picture of the window ($name)"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert width >= 800 and height >= 600, (width, height)
print(f"   window grabbed: {sys.argv[1]} ({width}x{height}, {len(data)} bytes)")
PY
}

demo en
demo fr STAMP_POS_LANGUAGE=fr STAMP_POS_DECODER=pyzbar LD_DEBUG=libs \
    LD_DEBUG_OUTPUT="$WORK/ld"
grep -hq "calling init: $WORK/root/opt/stamp-pos/_internal/libzbar.so.0" "$WORK"/ld.* \
    || fail "the zbar decoder did not load the bundle's libzbar"
if grep -h "calling init: /.*libzbar" "$WORK"/ld.* | grep -vq "$WORK/root/"; then
    fail "the zbar decoder loaded the system's libzbar"
fi
echo "   the zbar decoder ran on the bundle's own libzbar.so.0"

echo "package-test: passed"
